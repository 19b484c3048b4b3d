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
    // TODO: the state this node needs

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
        // TODO: implement Replica.propose
    }

    /** How many log entries this replica has applied. */
    protected final int applied() {
        // TODO: implement Replica.applied
        throw new UnsupportedOperationException("TODO: implement Replica.applied");
    }

    private void decided(int instance, Serializable value) {
        // TODO: implement Replica.decided
    }

    private void onTick(ReplicaTick tick) {
        // TODO: implement Replica.onTick
    }

    // TODO: the state this node needs
}
