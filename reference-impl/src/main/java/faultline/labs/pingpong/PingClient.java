package faultline.labs.pingpong;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.Result;

/**
 * Carries {@link Echo} commands to a {@link PingServer}, resending until the answer comes. Each
 * request has a sequence number so that a late or duplicated answer to an earlier request is never
 * taken for the answer to the current one.
 */
public final class PingClient extends Node implements Client {

    /** How long to wait for an answer before asking again. */
    static final long RETRY_MILLIS = 50;

    private final Address server;
    // SOLUTION BEGIN
    private int sequence;
    private Echo current;
    private Echoed result;
    // SOLUTION END

    public PingClient(Address address, Address server) {
        super(address);
        this.server = server;
        onMessage(Pong.class, this::handlePong);
        onTimer(RetryTimer.class, this::onRetry);
    }

    @Override
    protected void init() {
        // SOLUTION BEGIN
        // Nothing to do until a command arrives.
        // SOLUTION END
    }

    @Override
    public void sendCommand(Command command) {
        // SOLUTION BEGIN
        current = (Echo) command;
        result = null;
        sequence++;
        send(new Ping(current.value(), sequence), server);
        set(new RetryTimer(sequence), RETRY_MILLIS);
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
        Echoed taken = result;
        result = null;
        current = null;
        return taken;
        // SOLUTION END
    }

    private void handlePong(Pong pong, Address from) {
        // SOLUTION BEGIN
        if (current != null && result == null && pong.sequence() == sequence) {
            result = new Echoed(pong.value());
        }
        // SOLUTION END
    }

    private void onRetry(RetryTimer timer) {
        // SOLUTION BEGIN
        if (current != null && result == null && timer.sequence() == sequence) {
            send(new Ping(current.value(), sequence), server);
            set(timer, RETRY_MILLIS);
        }
        // SOLUTION END
    }
}
