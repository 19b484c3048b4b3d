package faultline.framework.sim;

import faultline.framework.Address;
import faultline.framework.Message;
import faultline.framework.Node;
import faultline.framework.Timer;
import java.util.List;

/** A busy little protocol for exercising the simulator: every tick, ping two random peers; answer pings. */
final class GossipNode extends Node {

    record Ping(int round) implements Message {
    }

    record Pong(int round) implements Message {
    }

    record Tick() implements Timer {
    }

    private final List<Address> peers;
    private final long tickMillis;
    private int round;
    private long pongs;

    GossipNode(Address address, List<Address> peers, long tickMillis) {
        super(address);
        this.peers = peers;
        this.tickMillis = tickMillis;
        onMessage(Ping.class, (ping, from) -> send(new Pong(ping.round()), from));
        onMessage(Pong.class, (pong, from) -> pongs++);
        onTimer(Tick.class, this::tick);
    }

    @Override
    protected void init() {
        set(new Tick(), 1 + random().nextLong(tickMillis));
    }

    private void tick(Tick tick) {
        round++;
        send(new Ping(round), peers.get(random().nextInt(peers.size())));
        send(new Ping(round), peers.get(random().nextInt(peers.size())));
        set(tick, tickMillis);
    }

    long pongs() {
        return pongs;
    }
}
