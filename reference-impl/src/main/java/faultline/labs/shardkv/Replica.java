package faultline.labs.shardkv;

import faultline.framework.Address;
import faultline.framework.Node;
import faultline.labs.paxos.Paxos;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A replica of a state machine kept in step with its peers by the Paxos library: the shard master's
 * replicas and the servers of each replica group are both replicas.
 *
 * <p>A replica {@link #propose proposes} operations for the log and {@link #apply applies} every decided
 * operation once, in instance order, whoever proposed it; so all replicas go through the same states.
 * An operation is proposed in the lowest instance this replica has not applied: if another value wins
 * that instance, this replica learns it, applies it, and proposes again in the next one. So a replica
 * that fell behind catches up as soon as it proposes anything. Operations must be values (records), so
 * that a replica recognises its own proposal when it is decided.
 */
public abstract class Replica extends Node {

    /** How often a replica looks again at its pending proposals (and its subclass's chores, see {@link #tick}). */
    public static final long TICK_MILLIS = 50;

    private final Paxos paxos;
    // SOLUTION BEGIN
    /** The next instance to apply; every instance below it has been applied. */
    private int next;
    /** Decisions learned ahead of {@link #next}, waiting for the instances before them. */
    private final SortedMap<Integer, Serializable> learned = new TreeMap<>();
    /** Operations waiting to get into the log, oldest first. */
    private final List<Serializable> proposals = new ArrayList<>();
    /** Whether {@link #catchUp} is running, so that a decision learned meanwhile waits for it. */
    private boolean applying;
    // SOLUTION END

    /**
     * @param replicas every replica of this state machine, this one included, in the same order at all of them
     */
    protected Replica(Address address, List<Address> replicas) {
        super(address);
        List<Address> peers = replicas.stream().map(replica -> replica.sub("paxos")).toList();
        paxos = addComponent(new Paxos(address.sub("paxos"), peers, this::decided));
        onTimer(ReplicaTick.class, this::onTick);
    }

    @Override
    protected void init() {
        set(new ReplicaTick(), TICK_MILLIS);
    }

    /** Applies one decided operation; called once per log entry, in log order, at every replica. */
    protected abstract void apply(Serializable operation);

    /** Chores a subclass does every {@link #TICK_MILLIS} (polling, fetching); nothing by default. */
    protected void tick() {
    }

    /** Asks for {@code operation} to be appended to the log; an operation already waiting is not added twice. */
    protected final void propose(Serializable operation) {
        // SOLUTION BEGIN
        if (!proposals.contains(operation)) {
            proposals.add(operation);
        }
        startNext();
        // SOLUTION END
    }

    /** How many log entries this replica has applied. */
    protected final int applied() {
        // SOLUTION BEGIN
        return next;
        // SOLUTION END
    }

    private void decided(int instance, Serializable value) {
        // SOLUTION BEGIN
        if (instance >= next) {
            learned.put(instance, value);
        }
        catchUp();
        // SOLUTION END
    }

    private void onTick(ReplicaTick tick) {
        // SOLUTION BEGIN
        startNext();
        tick();
        set(tick, TICK_MILLIS);
        // SOLUTION END
    }

    // SOLUTION BEGIN
    /** Applies every learned decision that is next in line, then proposes what is still waiting. */
    private void catchUp() {
        if (applying) {
            return;
        }
        applying = true;
        while (learned.containsKey(next)) {
            Serializable operation = learned.remove(next);
            proposals.remove(operation);
            apply(operation);
            paxos.done(next);
            next++;
        }
        applying = false;
        startNext();
    }

    /** Proposes the oldest waiting operation in the next instance to apply (starting it again changes nothing). */
    private void startNext() {
        if (!proposals.isEmpty() && !applying) {
            paxos.start(next, proposals.get(0));
        }
    }
    // SOLUTION END
}
