package faultline.suites.pbkv;

import faultline.framework.Address;
import faultline.framework.Node;
import faultline.framework.Timer;
import faultline.labs.pbkv.Ping;
import faultline.labs.pbkv.View;
import faultline.labs.pbkv.ViewReply;
import faultline.labs.pbkv.ViewService;

/**
 * A stand-in server for testing the view service alone: it pings every ping interval like a real
 * server, and a test tells it how. By default it acknowledges every view it hears of; it can instead
 * hold its acknowledgements back, or behave as a server that keeps restarting (pinging with 0).
 * Crashing it in a scenario stops its pings; restarting it makes a fresh one that pings 0 first.
 */
final class ScriptedServer extends Node {

    private enum Mode { ACKNOWLEDGE, HOLD, RESTARTED }

    private record Tick() implements Timer {
    }

    private final Address viewService;
    private Mode mode = Mode.ACKNOWLEDGE;
    private int held;
    private View latest = View.initial();

    ScriptedServer(Address address, Address viewService) {
        super(address);
        this.viewService = viewService;
        onMessage(ViewReply.class, (reply, from) -> {
            if (reply.view().number() > latest.number()) {
                latest = reply.view();
            }
        });
        onTimer(Tick.class, tick -> {
            ping();
            set(tick, ViewService.PING_INTERVAL_MILLIS);
        });
    }

    @Override
    protected void init() {
        ping();
        set(new Tick(), ViewService.PING_INTERVAL_MILLIS);
    }

    private void ping() {
        int number = switch (mode) {
            case ACKNOWLEDGE -> latest.number();
            case HOLD -> held;
            case RESTARTED -> 0;
        };
        send(new Ping(number), viewService);
    }

    /** From now on, ping with the latest view number heard so far, acknowledging nothing newer. */
    void holdAcknowledgements() {
        mode = Mode.HOLD;
        held = latest.number();
    }

    /** Acknowledge every view again. */
    void acknowledge() {
        mode = Mode.ACKNOWLEDGE;
    }

    /** Ping with 0, as a server that has just restarted and lost its state. */
    void actRestarted() {
        mode = Mode.RESTARTED;
    }

    /** The newest view the view service has told this server. */
    View latest() {
        return latest;
    }
}
