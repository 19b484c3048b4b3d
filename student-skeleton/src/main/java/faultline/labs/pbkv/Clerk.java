package faultline.labs.pbkv;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.Result;

/**
 * Carries {@link Get}, {@link Put} and {@link Append} commands to the current primary, which it
 * learns from the view service. It resends until an answer comes, asking the view service again
 * whenever a server turns it away or a retry is due, and follows the primary when the view changes.
 * Every command carries the clerk's id and a fresh sequence number, so the servers can tell a retry
 * from a new command.
 */
public final class Clerk extends Node implements Client {

    /** How long to wait for an answer before asking the view service and sending again. */
    static final long RETRY_MILLIS = 50;

    private final Address viewService;
    // TODO: the state this node needs

    public Clerk(Address address, Address viewService) {
        super(address);
        this.viewService = viewService;
        onMessage(ViewReply.class, this::handleViewReply);
        onMessage(Reply.class, this::handleReply);
        onMessage(WrongServer.class, this::handleWrongServer);
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

    private boolean waiting() {
        // TODO: implement Clerk.waiting
        throw new UnsupportedOperationException("TODO: implement Clerk.waiting");
    }

    /** Sends the command in flight to the primary, or asks who that is when no view names one. */
    private void sendRequest() {
        // TODO: implement Clerk.sendRequest
    }

    private void handleViewReply(ViewReply reply, Address from) {
        // TODO: implement Clerk.handleViewReply
    }

    private void handleReply(Reply reply, Address from) {
        // TODO: implement Clerk.handleReply
    }

    private void handleWrongServer(WrongServer wrong, Address from) {
        // TODO: implement Clerk.handleWrongServer
    }

    private void onRetry(ClerkRetry retry) {
        // TODO: implement Clerk.onRetry
    }
}
