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
    // TODO: the state Paxos needs (per instance: acceptor, proposer and learner state; done values)

    public Paxos(Address self, List<Address> peers, Decisions listener) {
        super(self);
        this.listener = listener;
        this.peers = List.copyOf(peers);
        this.me = this.peers.indexOf(self);
        if (me < 0) {
            throw new IllegalArgumentException("Paxos " + self + " must be one of its peers " + peers);
        }
        // TODO: register your message and timer handlers
    }

    @Override
    protected void init() {
        // TODO: implement Paxos.init
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
        // TODO: implement Paxos.start
    }

    /** What this peer knows of {@code instance}: decided with its value, pending, or forgotten. */
    public Status status(int instance) {
        // TODO: implement Paxos.status
        throw new UnsupportedOperationException("TODO: implement Paxos.status");
    }

    /** This peer's host will never again need instances up to and including {@code instance}. */
    public void done(int instance) {
        // TODO: implement Paxos.done
    }

    /** The highest instance this peer has heard of, or -1. */
    public int max() {
        // TODO: implement Paxos.max
        throw new UnsupportedOperationException("TODO: implement Paxos.max");
    }

    /** One more than the smallest done value over all peers: every instance below it is forgotten. */
    public int min() {
        // TODO: implement Paxos.min
        throw new UnsupportedOperationException("TODO: implement Paxos.min");
    }

    // TODO: your proposer, acceptor and learner: handlers, helpers and the types they use
}
