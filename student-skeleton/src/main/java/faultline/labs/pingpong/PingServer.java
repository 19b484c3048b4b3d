package faultline.labs.pingpong;

import faultline.framework.Address;
import faultline.framework.Node;

/** Echoes every ping back to whoever sent it. It keeps no state, so a restart loses nothing. */
public final class PingServer extends Node {

    public PingServer(Address address) {
        super(address);
        onMessage(Ping.class, this::handlePing);
    }

    @Override
    protected void init() {
        // TODO: implement PingServer.init
    }

    private void handlePing(Ping ping, Address from) {
        // TODO: implement PingServer.handlePing
    }
}
