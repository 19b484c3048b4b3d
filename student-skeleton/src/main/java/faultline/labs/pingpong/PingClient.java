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
    // TODO: the state this node needs

    public PingClient(Address address, Address server) {
        super(address);
        this.server = server;
        onMessage(Pong.class, this::handlePong);
        onTimer(RetryTimer.class, this::onRetry);
    }

    @Override
    protected void init() {
        // TODO: implement PingClient.init
    }

    @Override
    public void sendCommand(Command command) {
        // TODO: implement PingClient.sendCommand
    }

    @Override
    public boolean hasResult() {
        // TODO: implement PingClient.hasResult
        throw new UnsupportedOperationException("TODO: implement PingClient.hasResult");
    }

    @Override
    public Result takeResult() {
        // TODO: implement PingClient.takeResult
        throw new UnsupportedOperationException("TODO: implement PingClient.takeResult");
    }

    private void handlePong(Pong pong, Address from) {
        // TODO: implement PingClient.handlePong
    }

    private void onRetry(RetryTimer timer) {
        // TODO: implement PingClient.onRetry
    }
}
