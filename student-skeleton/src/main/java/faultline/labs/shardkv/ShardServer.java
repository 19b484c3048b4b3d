package faultline.labs.shardkv;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.labs.kv.Append;
import faultline.labs.kv.Get;
import faultline.labs.kv.KVStore;
import faultline.labs.kv.Put;
import java.io.Serializable;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One server of a replica group: it serves the Gets, Puts and Appends of the shards its group owns, and
 * moves with its group from one configuration to the next.
 *
 * <p>The rules, and why:
 * <ul>
 * <li>Every client command goes through the group's Paxos log, and whether the group serves the key's
 *     shard is decided when the command is applied, not when it arrives: between the two the group may
 *     have handed the shard off. A command for a shard the group does not serve at that point of the log
 *     is answered {@link WrongGroup}.</li>
 * <li>The group polls the shard master for the configuration after its own, and moves to it through the
 *     log: one configuration at a time, in order, and only once it holds every shard its configuration
 *     gives it. Moving on stops serving the shards it loses at once (their data and at-most-once tables
 *     are kept aside for their new owners) and starts waiting for the shards it gains.</li>
 * <li>A gained shard is served only once its data has come from the group that had it in the previous
 *     configuration, together with that shard's at-most-once table, so a command carried out there is not
 *     carried out again here. A shard no group had before starts empty.</li>
 * <li>A group answers a fetch from what it set aside when it moved on, never from a shard it still
 *     serves, and whatever shards it is itself waiting for: so two groups that need each other's shards
 *     do not wait on each other.</li>
 * </ul>
 */
public final class ShardServer extends Replica {

    private final int group;
    private final List<Address> masters;
    // TODO: the state this node needs

    /**
     * @param group   this server's group id
     * @param servers every server of the group, this one included, in the same order at all of them
     * @param masters the shard master replicas
     */
    public ShardServer(Address address, int group, List<Address> servers, List<Address> masters) {
        super(address, servers);
        this.group = group;
        this.masters = List.copyOf(masters);
        // TODO: register the handlers of your messages
    }

    @Override
    protected void init() {
        super.init();
        // TODO: implement ShardServer.init
    }

    /** The configuration this server has reached, for tests to read. */
    public Config config() {
        // TODO: implement ShardServer.config
        throw new UnsupportedOperationException("TODO: implement ShardServer.config");
    }

    /** Whether this server serves {@code shard} now: its configuration gives it to the group and its data is here. */
    public boolean serves(int shard) {
        // TODO: implement ShardServer.serves
        throw new UnsupportedOperationException("TODO: implement ShardServer.serves");
    }

    @Override
    protected void tick() {
        // TODO: implement ShardServer.tick
    }

    @Override
    protected void apply(Serializable operation) {
        // TODO: implement ShardServer.apply
    }

    // TODO: your message handlers and helpers
}
