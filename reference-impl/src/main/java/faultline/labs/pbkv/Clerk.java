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
    // SOLUTION BEGIN
    /**
     * Drawn afresh by every incarnation, so that a restarted clerk, whose sequence numbers start over,
     * is never mistaken for its former self.
     */
    private long clientId;
    private long sequence;
    private View view = View.initial();
    private Command current;
    private Result result;
    // SOLUTION END

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
        // SOLUTION BEGIN
        clientId = random().nextLong();
        send(new GetView(), viewService);
        // SOLUTION END
    }

    @Override
    public void sendCommand(Command command) {
        // SOLUTION BEGIN
        current = command;
        result = null;
        sequence++;
        sendRequest();
        set(new ClerkRetry(sequence), RETRY_MILLIS);
        // SOLUTION END
    }

    @Override
    public boolean hasResult() {
        // SOLUTION BEGIN
        return result != null;
        // SOLUTION END
    }

    @Override
    public Result takeResult() {
        // SOLUTION BEGIN
        Result taken = result;
        result = null;
        current = null;
        return taken;
        // SOLUTION END
    }

    private boolean waiting() {
        // SOLUTION BEGIN
        return current != null && result == null;
        // SOLUTION END
    }

    /** Sends the command in flight to the primary, or asks who that is when no view names one. */
    private void sendRequest() {
        // SOLUTION BEGIN
        if (view.hasPrimary()) {
            send(new Request(clientId, sequence, current), view.primary());
        } else {
            send(new GetView(), viewService);
        }
        // SOLUTION END
    }

    private void handleViewReply(ViewReply reply, Address from) {
        // SOLUTION BEGIN
        if (reply.view().number() > view.number()) {
            boolean newPrimary = !reply.view().primary().equals(view.primary());
            view = reply.view();
            if (newPrimary && waiting()) {
                sendRequest();
            }
        }
        // SOLUTION END
    }

    private void handleReply(Reply reply, Address from) {
        // SOLUTION BEGIN
        if (waiting() && reply.sequence() == sequence) {
            result = reply.result();
        }
        // SOLUTION END
    }

    private void handleWrongServer(WrongServer wrong, Address from) {
        // SOLUTION BEGIN
        if (waiting() && wrong.sequence() == sequence) {
            send(new GetView(), viewService);
        }
        // SOLUTION END
    }

    private void onRetry(ClerkRetry retry) {
        // SOLUTION BEGIN
        if (waiting() && retry.sequence() == sequence) {
            send(new GetView(), viewService);
            sendRequest();
            set(retry, RETRY_MILLIS);
        }
        // SOLUTION END
    }
}
