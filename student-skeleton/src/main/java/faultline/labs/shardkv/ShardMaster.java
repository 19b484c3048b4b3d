package faultline.labs.shardkv;

import faultline.framework.Address;
import faultline.framework.Result;
import java.io.Serializable;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One replica of the shard master: it carries out {@link Join}, {@link Leave}, {@link Move} and
 * {@link Query} commands from clerks (and from the replica groups, which poll it) through the Paxos log,
 * so that every replica holds the same {@link Configurations}. Queries go through the log too: a replica
 * that was cut off must not answer from what it knew then. A retried command takes effect once.
 */
public final class ShardMaster extends Replica {

    // TODO: the state this node needs

    /** @param masters every shard master replica, this one included, in the same order at all of them */
    public ShardMaster(Address address, List<Address> masters) {
        super(address, masters);
        // TODO: register the handlers of your messages
    }

    /** The latest configuration this replica has applied, for tests to read. */
    public Config latest() {
        // TODO: implement ShardMaster.latest
        throw new UnsupportedOperationException("TODO: implement ShardMaster.latest");
    }

    // TODO: your message handlers

    @Override
    protected void apply(Serializable operation) {
        // TODO: implement ShardMaster.apply
    }
}
