package faultline.labs.paxoskv;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.Result;
import java.util.List;

/**
 * Carries {@link faultline.labs.kv.Get}, {@link faultline.labs.kv.Put} and {@link faultline.labs.kv.Append}
 * commands to the servers: it sends to one server, and tries the next whenever an answer is slow to come.
 * Every command carries the clerk's id and a fresh sequence number, so the servers can tell a retry from a
 * new command.
 */
public final class Clerk extends Node implements Client {

    /** How long to wait for an answer before trying the next server. */
    static final long RETRY_MILLIS = 60;

    private final List<Address> servers;
    // TODO: the state this node needs

    public Clerk(Address address, List<Address> servers) {
        super(address);
        this.servers = List.copyOf(servers);
        onMessage(Reply.class, this::handleReply);
        onTimer(ClerkRetry.class, this::onRetry);
    }

    @Override
    protected void init() {
        // TODO: implement Clerk.init
    }

    @Override
    public void sendCommand(Command command) {
        // TODO: implement Clerk.sendCommand
    }

    @Override
    public boolean hasResult() {
        // TODO: implement Clerk.hasResult
        throw new UnsupportedOperationException("TODO: implement Clerk.hasResult");
    }

    @Override
    public Result takeResult() {
        // TODO: implement Clerk.takeResult
        throw new UnsupportedOperationException("TODO: implement Clerk.takeResult");
    }

    private void handleReply(Reply reply, Address from) {
        // TODO: implement Clerk.handleReply
    }

    private void onRetry(ClerkRetry retry) {
        // TODO: implement Clerk.onRetry
    }
}
