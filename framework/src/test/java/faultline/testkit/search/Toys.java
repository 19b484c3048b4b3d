package faultline.testkit.search;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Message;
import faultline.framework.Node;
import faultline.framework.Result;
import faultline.framework.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small protocols to search: a counter that forgets to deduplicate, and nodes with state of every shape. */
final class Toys {

    static final Address SERVER = Address.of("server");
    static final Address CLIENT = Address.of("client");

    private Toys() {
    }

    record Increment(long id) implements Command, Message {
    }

    record Done(long count) implements Result, Message {
    }

    record Resend() implements Timer {
    }

    /** Counts increments; with {@code deduplicate} off it counts a duplicated request twice. */
    static final class Counter extends Node {
        private final boolean deduplicate;
        private long count;
        private final Map<Long, Long> seen = new TreeMap<>();

        Counter(Address address, boolean deduplicate) {
            super(address);
            this.deduplicate = deduplicate;
            onMessage(Increment.class, this::handle);
        }

        @Override
        protected void init() {
        }

        long count() {
            return count;
        }

        private void handle(Increment increment, Address from) {
            if (!deduplicate || !seen.containsKey(increment.id())) {
                count++;
                seen.put(increment.id(), count);
            }
            send(new Done(seen.get(increment.id())), from);
        }
    }

    /** Sends one increment at a time and resends it every 10 ms until the answer comes. */
    static final class Incrementer extends Node implements Client {
        private Increment current;
        private Result result;

        Incrementer(Address address) {
            super(address);
            onMessage(Done.class, this::handle);
            onTimer(Resend.class, this::resend);
        }

        @Override
        protected void init() {
        }

        @Override
        public void sendCommand(Command command) {
            current = (Increment) command;
            result = null;
            send(current, SERVER);
            set(new Resend(), 10);
        }

        @Override
        public boolean hasResult() {
            return result != null;
        }

        @Override
        public Result takeResult() {
            Result taken = result;
            result = null;
            current = null;
            return taken;
        }

        private void handle(Done done, Address from) {
            if (current != null) {
                result = done;
            }
        }

        private void resend(Resend timer) {
            if (current != null && result == null) {
                send(current, SERVER);
                set(timer, 10);
            }
        }
    }

    record Tick(String name) implements Timer {
    }

    /** Sets a slow and a fast timer at start and records the order they fire in. */
    static final class TwoTimers extends Node {
        private final List<String> fired = new ArrayList<>();

        TwoTimers(Address address) {
            super(address);
            onTimer(Tick.class, tick -> fired.add(tick.name()));
        }

        @Override
        protected void init() {
            set(new Tick("slow"), 30);
            set(new Tick("fast"), 5);
        }

        List<String> fired() {
            return fired;
        }
    }

    record Token(String value) {
    }

    /** State of many shapes, for copying and fingerprints. */
    static final class Shapes extends Node {
        final Map<String, Integer> hashed = new HashMap<>();
        final Map<String, Integer> sorted = new TreeMap<>();
        final List<int[]> arrays = new ArrayList<>();
        List<StringBuilder> first = new ArrayList<>();
        List<StringBuilder> second = first;
        Token token = new Token("t");

        Shapes(Address address) {
            super(address);
            onMessage(Increment.class, (m, from) -> hashed.merge("k", 1, Integer::sum));
        }

        @Override
        protected void init() {
        }
    }
}
