package faultline.framework.live;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Message;
import faultline.framework.Node;
import faultline.framework.Result;
import faultline.framework.Timer;

/** A ping/echo pair written to the lab contract, for driving both runtimes in tests. */
final class EchoNodes {

    static final long RETRY_MILLIS = 10;

    private EchoNodes() {
    }

    record Ping(long seq, String text) implements Message {
        @Override
        public String toString() {
            return "Ping(" + seq + ", " + shortly(text) + ")";
        }
    }

    record Pong(long seq, String text) implements Message {
        @Override
        public String toString() {
            return "Pong(" + seq + ", " + shortly(text) + ")";
        }
    }

    record Retry(long seq) implements Timer {
    }

    record Shout(String text) implements Command {
        @Override
        public String toString() {
            return "Shout(" + shortly(text) + ")";
        }
    }

    record Heard(String text) implements Result {
        @Override
        public String toString() {
            return "Heard(" + shortly(text) + ")";
        }
    }

    record Tick() implements Timer {
    }

    /** Answers every Ping with a Pong carrying the same text, and counts the pings it served. */
    static final class Echo extends Node {
        int pings;
        boolean initialised;

        Echo(Address address) {
            super(address);
            onMessage(Ping.class, (ping, from) -> {
                pings++;
                send(new Pong(ping.seq(), ping.text()), from);
            });
        }

        @Override
        protected void init() {
            initialised = true;
        }
    }

    /** Carries one Shout at a time to the echo server, pinging again on a timer until the matching Pong comes. */
    static final class Pinger extends Node implements Client {
        private final Address server;
        private long seq;
        private Shout current;
        private Heard heard;

        Pinger(Address address, Address server) {
            super(address);
            this.server = server;
            onMessage(Pong.class, (pong, from) -> {
                if (current != null && pong.seq() == seq) {
                    heard = new Heard(pong.text());
                    current = null;
                }
            });
            onTimer(Retry.class, retry -> {
                if (current != null && retry.seq() == seq) {
                    ping();
                }
            });
        }

        @Override
        protected void init() {
        }

        @Override
        public void sendCommand(Command command) {
            current = (Shout) command;
            seq++;
            ping();
        }

        private void ping() {
            send(new Ping(seq, current.text()), server);
            set(new Retry(seq), RETRY_MILLIS);
        }

        @Override
        public boolean hasResult() {
            return heard != null;
        }

        @Override
        public Result takeResult() {
            Heard result = heard;
            heard = null;
            return result;
        }
    }

    /** A node with a bug: its first timer's handler throws. */
    static final class Bomb extends Node {
        Bomb(Address address) {
            super(address);
            onTimer(Tick.class, tick -> {
                throw new IllegalStateException("boom");
            });
        }

        @Override
        protected void init() {
            set(new Tick(), 5);
        }
    }

    private static String shortly(String text) {
        return text.length() <= 40 ? text : text.length() + " chars";
    }
}
