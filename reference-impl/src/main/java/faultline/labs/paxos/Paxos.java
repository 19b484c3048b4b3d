package faultline.labs.paxos;

import faultline.framework.Address;
import faultline.framework.Node;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Paxos among a fixed set of peers, agreeing on a sequence of numbered instances: a component that a
 * node hosts ({@code addComponent(new Paxos(address().sub("paxos"), peers, this::onDecided))}).
 *
 * <p>The contract, for the host and for the tests:
 * <ul>
 * <li>{@code peers} are the Paxos components' addresses of all peers, this one included, in the same
 *     order at every peer. A majority of them must be able to talk for anything to be decided.</li>
 * <li>{@link #start start(instance, value)} asks for {@code instance} to be decided, proposing
 *     {@code value}; it returns at once, and the decision may be another peer's value. Starting an
 *     instance again, or one already decided, changes nothing; an instance below {@link #min()} is
 *     ignored.</li>
 * <li>Every peer decides the same value for an instance, whatever the network does (loss,
 *     duplication, delay, reordering, partitions, deaf peers). A peer learns a decision either because
 *     another peer tells it or because it proposes for that instance itself; a peer whose host must
 *     know a decision on a lossy network should start the instance (a decision may be sent once and
 *     lost, but a proposer keeps trying until it learns the value). A peer that learns a
 *     decision calls its host's {@link Decisions#decided} exactly once for that instance, from within
 *     a handler. {@link #status} answers the same question on demand: decided (with the value),
 *     pending, or forgotten.</li>
 * <li>{@link #done done(n)} says the host will never again ask about instances up to {@code n}.
 *     {@link #min()} is one more than the smallest {@code done} value over all peers (0 until every
 *     peer has called done): instances below it are forgotten, and their memory (values included) is
 *     freed. A peer's done values travel to the others with Paxos messages and by themselves when
 *     needed, so min() rises only when every peer, the unreachable ones too, has said done.</li>
 * <li>{@link #max()} is the highest instance this peer has heard of (started or seen in a message),
 *     -1 if none; forgetting never lowers it.</li>
 * </ul>
 * Like any node, Paxos keeps its state in its fields and talks only through messages and timers; its
 * own acceptor is reached by a method call, not a message.
 */
public class Paxos extends Node {

    /** The host's listener; not part of the measured state, since it is the host itself or a view of it. */
    private final transient Decisions listener;
    private final List<Address> peers;
    private final int me;
    // SOLUTION BEGIN: the state Paxos needs (per instance: acceptor, proposer and learner state; done values)
    /** Per instance not yet forgotten, what this peer knows and does about it. */
    private final TreeMap<Integer, Instance> instances = new TreeMap<>();
    /** The done value of each peer (by index), as far as this peer has heard; -1: none yet. */
    private final int[] doneOf;
    /** Per peer, the highest of this peer's done values it has acknowledged; gossip goes on until it is current. */
    private final int[] doneAcked;
    private int max = -1;
    private int min = 0;
    private boolean ticking;
    // SOLUTION END

    public Paxos(Address self, List<Address> peers, Decisions listener) {
        super(self);
        this.listener = listener;
        this.peers = List.copyOf(peers);
        this.me = this.peers.indexOf(self);
        if (me < 0) {
            throw new IllegalArgumentException("Paxos " + self + " must be one of its peers " + peers);
        }
        // SOLUTION BEGIN: register your message and timer handlers
        doneOf = new int[this.peers.size()];
        doneAcked = new int[this.peers.size()];
        Arrays.fill(doneOf, -1);
        Arrays.fill(doneAcked, -1);
        onMessage(Prepare.class, this::handlePrepare);
        onMessage(Promise.class, this::handlePromise);
        onMessage(Accept.class, this::handleAccept);
        onMessage(Accepted.class, this::handleAccepted);
        onMessage(Reject.class, this::handleReject);
        onMessage(Decided.class, this::handleDecided);
        onMessage(DoneNotice.class, this::handleDoneNotice);
        onMessage(DoneAck.class, this::handleDoneAck);
        onTimer(RoundTimeout.class, this::onRoundTimeout);
        onTimer(DoneTick.class, this::onDoneTick);
        // SOLUTION END
    }

    @Override
    protected void init() {
        // SOLUTION BEGIN
        // Nothing to do until the host starts an instance or a peer's message arrives.
        // SOLUTION END
    }

    /** The Paxos components of every peer, this one included, in the order all peers share. */
    public final List<Address> peers() {
        return peers;
    }

    /**
     * Starts agreement on {@code instance}, proposing {@code value}; returns at once. Ignored for an
     * instance below {@link #min()}.
     */
    public void start(int instance, Serializable value) {
        // SOLUTION BEGIN
        if (instance < min) {
            return;
        }
        max = Math.max(max, instance);
        Instance state = instance(instance);
        if (state.decided || state.proposal != null) {
            return;
        }
        state.proposal = value;
        newRound(instance, state);
        // SOLUTION END
    }

    /** What this peer knows of {@code instance}: decided with its value, pending, or forgotten. */
    public Status status(int instance) {
        // SOLUTION BEGIN
        if (instance < min) {
            return Status.forgotten();
        }
        Instance state = instances.get(instance);
        return state != null && state.decided ? Status.decided(state.value) : Status.pending();
        // SOLUTION END
    }

    /** This peer's host will never again need instances up to and including {@code instance}. */
    public void done(int instance) {
        // SOLUTION BEGIN
        if (instance > doneOf[me]) {
            doneOf[me] = instance;
            forget();
            if (!ticking) {
                ticking = true;
                set(new DoneTick(), DONE_TICK_MILLIS);
            }
        }
        // SOLUTION END
    }

    /** The highest instance this peer has heard of, or -1. */
    public int max() {
        // SOLUTION BEGIN
        return max;
        // SOLUTION END
    }

    /** One more than the smallest done value over all peers: every instance below it is forgotten. */
    public int min() {
        // SOLUTION BEGIN
        return min;
        // SOLUTION END
    }

    // SOLUTION BEGIN: your proposer, acceptor and learner: handlers, helpers and the types they use
    /** How long a proposer waits for a round to finish before it tries a higher number. */
    static final long ROUND_MILLIS = 30;
    /** How often this peer tells the peers that have not acknowledged it its latest done value. */
    static final long DONE_TICK_MILLIS = 100;

    /** Everything one peer holds about one instance: acceptor, proposer and learner state. */
    private static final class Instance implements Serializable {
        // acceptor
        long promised = -1;
        long acceptedNumber = -1;
        Serializable acceptedValue;
        // learner
        boolean decided;
        Serializable value;
        // proposer
        Serializable proposal;
        long round;
        long highestSeen = -1;
        long proposing = -1;
        boolean accepting;
        final Set<Integer> promises = new TreeSet<>();
        final Set<Integer> accepts = new TreeSet<>();
        long bestNumber = -1;
        Serializable bestValue;
    }

    private Instance instance(int number) {
        return instances.computeIfAbsent(number, n -> new Instance());
    }

    private int majority() {
        return peers.size() / 2 + 1;
    }

    /** Proposal numbers are round * peers + index: two peers never share one. */
    private void newRound(int number, Instance state) {
        long round = Math.max(state.round + 1, state.highestSeen / peers.size() + 1);
        state.round = round;
        state.proposing = round * peers.size() + me;
        state.accepting = false;
        state.promises.clear();
        state.accepts.clear();
        state.bestNumber = -1;
        state.bestValue = null;
        Prepare prepare = new Prepare(number, state.proposing, doneOf[me]);
        for (int peer = 0; peer < peers.size(); peer++) {
            if (peer != me) {
                send(prepare, peers.get(peer));
            }
        }
        long attempt = Math.min(round, 6);
        set(new RoundTimeout(number, state.proposing), ROUND_MILLIS + random().nextLong(ROUND_MILLIS * attempt));
        // The local acceptor, by a call.
        onPromiseReply(prepareLocally(number, state.proposing), me);
    }

    private void onRoundTimeout(RoundTimeout timeout) {
        Instance state = instances.get(timeout.instance());
        if (state == null || state.decided || state.proposing != timeout.number()) {
            return;
        }
        newRound(timeout.instance(), state);
    }

    // ---- acceptor ----

    private PrepareReply prepareLocally(int number, long proposal) {
        Instance state = instance(number);
        if (state.decided) {
            return new Decided(number, state.value, doneOf[me]);
        }
        // Equal is fine: only this proposal's proposer uses its number, so it is a resent Prepare.
        if (proposal >= state.promised) {
            state.promised = proposal;
            return new Promise(number, proposal, state.acceptedNumber,
                    state.acceptedNumber < 0 ? Nothing.VALUE : state.acceptedValue, doneOf[me]);
        }
        return new Reject(number, proposal, state.promised, doneOf[me]);
    }

    private void handlePrepare(Prepare prepare, Address from) {
        heard(from, prepare.instance(), prepare.done());
        if (prepare.instance() < min) {
            return;
        }
        send(prepareLocally(prepare.instance(), prepare.number()), from);
    }

    private AcceptReply acceptLocally(int number, long proposal, Serializable value) {
        Instance state = instance(number);
        if (state.decided) {
            return new Decided(number, state.value, doneOf[me]);
        }
        if (proposal >= state.promised) {
            state.promised = proposal;
            state.acceptedNumber = proposal;
            state.acceptedValue = value;
            return new Accepted(number, proposal, doneOf[me]);
        }
        return new Reject(number, proposal, state.promised, doneOf[me]);
    }

    private void handleAccept(Accept accept, Address from) {
        heard(from, accept.instance(), accept.done());
        if (accept.instance() < min) {
            return;
        }
        send(acceptLocally(accept.instance(), accept.number(), accept.value()), from);
    }

    // ---- proposer ----

    private void onPromiseReply(PrepareReply reply, int peer) {
        if (reply instanceof Promise promise) {
            onPromise(promise, peer);
        } else if (reply instanceof Reject reject) {
            onReject(reject);
        } else if (reply instanceof Decided decided) {
            learnAsProposer(decided);
        }
    }

    /**
     * A decision reached this peer while it was still proposing, most likely as an acceptor's answer: the
     * peers it tried to win over may not know it either (they were cut off when it was decided), so tell them.
     */
    private void learnAsProposer(Decided decided) {
        Instance state = instances.get(decided.instance());
        if (state == null || state.decided || state.proposal == null) {
            learn(decided.instance(), decided.value());
            return;
        }
        Decided told = new Decided(decided.instance(), decided.value(), doneOf[me]);
        for (int other = 0; other < peers.size(); other++) {
            if (other != me) {
                send(told, peers.get(other));
            }
        }
        learn(decided.instance(), decided.value());
    }

    private void handlePromise(Promise promise, Address from) {
        heard(from, promise.instance(), promise.done());
        onPromise(promise, peers.indexOf(from));
    }

    private void onPromise(Promise promise, int peer) {
        Instance state = instances.get(promise.instance());
        if (state == null || state.decided || state.proposing != promise.number() || state.accepting) {
            return;
        }
        state.promises.add(peer);
        if (promise.acceptedNumber() > state.bestNumber) {
            state.bestNumber = promise.acceptedNumber();
            state.bestValue = promise.acceptedValue();
        }
        if (state.promises.size() >= majority()) {
            state.accepting = true;
            Serializable value = state.bestNumber >= 0 ? state.bestValue : state.proposal;
            Accept accept = new Accept(promise.instance(), state.proposing, value, doneOf[me]);
            for (int other = 0; other < peers.size(); other++) {
                if (other != me) {
                    send(accept, peers.get(other));
                }
            }
            onAcceptReply(acceptLocally(promise.instance(), state.proposing, value), me);
        }
    }

    private void onAcceptReply(AcceptReply reply, int peer) {
        if (reply instanceof Accepted accepted) {
            onAccepted(accepted, peer);
        } else if (reply instanceof Reject reject) {
            onReject(reject);
        } else if (reply instanceof Decided decided) {
            learnAsProposer(decided);
        }
    }

    private void handleAccepted(Accepted accepted, Address from) {
        heard(from, accepted.instance(), accepted.done());
        onAccepted(accepted, peers.indexOf(from));
    }

    private void onAccepted(Accepted accepted, int peer) {
        Instance state = instances.get(accepted.instance());
        if (state == null || state.decided || state.proposing != accepted.number() || !state.accepting) {
            return;
        }
        state.accepts.add(peer);
        if (state.accepts.size() >= majority()) {
            Serializable value = state.bestNumber >= 0 ? state.bestValue : state.proposal;
            Decided decided = new Decided(accepted.instance(), value, doneOf[me]);
            for (int other = 0; other < peers.size(); other++) {
                if (other != me) {
                    send(decided, peers.get(other));
                }
            }
            learn(accepted.instance(), value);
        }
    }

    private void handleReject(Reject reject, Address from) {
        heard(from, reject.instance(), reject.done());
        onReject(reject);
    }

    private void onReject(Reject reject) {
        Instance state = instances.get(reject.instance());
        if (state != null) {
            state.highestSeen = Math.max(state.highestSeen, reject.promised());
        }
        // The round's timeout starts the next one, after a random wait that lets a rival finish.
    }

    // ---- learner ----

    private void handleDecided(Decided decided, Address from) {
        heard(from, decided.instance(), decided.done());
        learnAsProposer(decided);
    }

    private void learn(int number, Serializable value) {
        if (number < min) {
            return;
        }
        max = Math.max(max, number);
        Instance state = instance(number);
        if (state.decided) {
            return;
        }
        state.decided = true;
        state.value = value;
        // What the acceptor and proposer held is of no use once the value is known.
        state.acceptedValue = null;
        state.proposal = null;
        state.bestValue = null;
        state.promises.clear();
        state.accepts.clear();
        listener.decided(number, value);
    }

    // ---- done and forgetting ----

    /** Notes what any message from {@code from} says: the instance exists, and the sender's done value. */
    private void heard(Address from, int number, int done) {
        max = Math.max(max, number);
        noteDone(peers.indexOf(from), done);
    }

    private void noteDone(int peer, int done) {
        if (peer >= 0 && done > doneOf[peer]) {
            doneOf[peer] = done;
            forget();
        }
    }

    private void forget() {
        int lowest = Integer.MAX_VALUE;
        for (int done : doneOf) {
            lowest = Math.min(lowest, done);
        }
        if (lowest + 1 > min) {
            min = lowest + 1;
            instances.headMap(min).clear();
        }
    }

    private void onDoneTick(DoneTick tick) {
        boolean behind = false;
        for (int peer = 0; peer < peers.size(); peer++) {
            if (peer != me && doneAcked[peer] < doneOf[me]) {
                send(new DoneNotice(doneOf[me]), peers.get(peer));
                behind = true;
            }
        }
        ticking = behind;
        if (behind) {
            set(tick, DONE_TICK_MILLIS);
        }
    }

    private void handleDoneNotice(DoneNotice notice, Address from) {
        noteDone(peers.indexOf(from), notice.done());
        send(new DoneAck(notice.done(), doneOf[me]), from);
    }

    private void handleDoneAck(DoneAck ack, Address from) {
        int peer = peers.indexOf(from);
        if (peer >= 0) {
            doneAcked[peer] = Math.max(doneAcked[peer], ack.acknowledged());
            noteDone(peer, ack.done());
        }
    }

    @Override
    public String toString() {
        return "Paxos " + address() + " (min " + min + ", max " + max + ", " + instances.size() + " held)";
    }
    // SOLUTION END
}
