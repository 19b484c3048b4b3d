package faultline.labs.echo;

import faultline.framework.Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * State outside any node: what every node and every test in the JVM would share. Each offending field is
 * reported at the first line that touches it; a field nothing touches has no line.
 */
final class SharedState {

    // Constants are fine: numbers, strings, addresses, enums, and records or final classes of those.
    static final int LIMIT = 3;
    static final String NAME = "echo";
    static final Address SERVER = Address.of("server");
    static final Mode MODE = Mode.FAST;
    static final Ballot ZERO = new Ballot(0, "");
    static final Pair PAIR = new Pair(1, new Ballot(1, "a"));

    static int counter; // expect: SHARED_STATE (no line)
    static final Map<String, String> AGREED = new HashMap<>(); // expect: SHARED_STATE
    static final int[] TABLE = {1, 2, 3}; // expect: SHARED_STATE
    static final List<String> NAMES = List.of("a"); // expect: SHARED_STATE
    static final Holder HOLDER = new Holder(); // expect: SHARED_STATE
    static final Object LOCK = new Object(); // expect: SHARED_STATE
    static final Base BASE = new Counting(); // expect: SHARED_STATE

    enum Mode {
        FAST, SLOW;

        int uses; // expect: SHARED_STATE (no line)
    }

    record Ballot(int n, String by) {
    }

    static final class Pair {
        final int a;
        final Ballot b;

        Pair(int a, Ballot b) {
            this.a = a;
            this.b = b;
        }
    }

    /** Holds only constants, but is not final: a subclass may hold state. */
    static class Base {
        final int id = 1;
    }

    static final class Counting extends Base {
        int count;
    }

    /** Its field can change, so one shared instance is shared state. */
    static final class Holder {
        int value;
    }

    String agree(String key) {
        return AGREED.computeIfAbsent(key, k -> NAME + LIMIT + SERVER + MODE + ZERO + PAIR.a + TABLE[0] + NAMES
                + HOLDER.value + LOCK.equals(key) + BASE.id);
    }
}
