package faultline.labs.shardkv;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.Result;
import java.util.List;

/**
 * Carries {@link Join}, {@link Leave}, {@link Move} and {@link Query} commands to the shard master: to one
 * replica, then to the next each time an answer is slow to come, until one answers. Every command
 * carries the clerk's id and a fresh sequence number, so a retry is recognised.
 */
public final class MasterClerk extends Node implements Client {

    /** How long to wait for an answer before trying the next replica. */
    public static final long RETRY_MILLIS = 100;

    private final List<Address> masters;
    // TODO: the state this node needs

    /** @param masters the shard master replicas this clerk may talk to, tried in this order */
    public MasterClerk(Address address, List<Address> masters) {
        super(address);
        this.masters = List.copyOf(masters);
        // TODO: register the handlers of your messages and timers
    }

    @Override
    protected void init() {
        // TODO: implement MasterClerk.init
    }

    @Override
    public void sendCommand(Command command) {
        // TODO: implement MasterClerk.sendCommand
    }

    @Override
    public boolean hasResult() {
        // TODO: implement MasterClerk.hasResult
        throw new UnsupportedOperationException("TODO: implement MasterClerk.hasResult");
    }

    @Override
    public Result takeResult() {
        // TODO: implement MasterClerk.takeResult
        throw new UnsupportedOperationException("TODO: implement MasterClerk.takeResult");
    }

    // TODO: your message and timer handlers
}
