package faultline.labs.shardkv;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.Result;
import faultline.labs.kv.Append;
import faultline.labs.kv.Get;
import faultline.labs.kv.Put;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Carries {@link Get}, {@link Put} and {@link Append} commands to the group that serves the key's shard,
 * as the latest configuration it knows says. It asks the shard master for the latest configuration at
 * the start, whenever a group answers that it does not serve the key, and whenever an answer is slow to
 * come; and it tries the group's servers one after another, starting with the one of that group that
 * answered it last (so a server that is down costs one retry, not one per command). Every command carries
 * the clerk's id and a fresh sequence number, so a retry is recognised by whichever group serves the shard
 * by then.
 */
public final class ShardClerk extends Node implements Client {

    /** How long to wait for an answer before asking the shard master again and trying another server. */
    public static final long RETRY_MILLIS = 100;

    private final List<Address> masters;
    // TODO: the state this node needs

    public ShardClerk(Address address, List<Address> masters) {
        super(address);
        this.masters = List.copyOf(masters);
        // TODO: register the handlers of your messages and timers
    }

    @Override
    protected void init() {
        // TODO: implement ShardClerk.init
    }

    @Override
    public void sendCommand(Command command) {
        // TODO: implement ShardClerk.sendCommand
    }

    @Override
    public boolean hasResult() {
        // TODO: implement ShardClerk.hasResult
        throw new UnsupportedOperationException("TODO: implement ShardClerk.hasResult");
    }

    @Override
    public Result takeResult() {
        // TODO: implement ShardClerk.takeResult
        throw new UnsupportedOperationException("TODO: implement ShardClerk.takeResult");
    }

    // TODO: your message and timer handlers and helpers
}
