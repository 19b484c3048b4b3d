package faultline.framework.fault;

import faultline.framework.Address;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One change to the world a run happens in: a network condition or a node's fate. Faults are
 * values; a {@link Scenario} puts them on a timeline.
 */
public sealed interface Fault {

    /** Drop this fraction of messages on these links (requests and replies alike). */
    record Drop(Links links, double rate) implements Fault {
        public Drop {
            requireRate(rate);
        }

        @Override
        public String toString() {
            return "drop " + Delay.percent(rate) + " on " + links;
        }
    }

    /** Deliver this fraction of messages on these links twice. */
    record Duplicate(Links links, double rate) implements Fault {
        public Duplicate {
            requireRate(rate);
        }

        @Override
        public String toString() {
            return "duplicate " + Delay.percent(rate) + " on " + links;
        }
    }

    /** Delay messages on these links. */
    record Latency(Links links, Delay delay) implements Fault {
        @Override
        public String toString() {
            return "delay " + delay + " on " + links;
        }
    }

    /**
     * Split the network: nodes in different groups cannot reach each other. Nodes named in no group
     * (clients, usually) still reach everyone.
     */
    record Partition(List<Set<Address>> groups) implements Fault {
        public Partition {
            groups = groups.stream().map(g -> Set.copyOf(g.stream().map(Address::root).toList())).toList();
        }

        @Override
        public String toString() {
            return "partition " + groups.stream()
                    .map(g -> g.stream().map(Address::toString).sorted().collect(Collectors.joining(" ")))
                    .collect(Collectors.joining(" | ", "[", "]"));
        }
    }

    /** Cut one direction of one link: {@code from} can no longer reach {@code to}. */
    record Cut(Address from, Address to) implements Fault {
        public Cut {
            from = from.root();
            to = to.root();
        }

        @Override
        public String toString() {
            return "cut " + from + "->" + to;
        }
    }

    /** Cut {@code node} off from everyone, in both directions (clients included). */
    record Isolate(Address node) implements Fault {
        public Isolate {
            node = node.root();
        }

        @Override
        public String toString() {
            return "isolate " + node;
        }
    }

    /** Make {@code node} deaf: it still sends, but receives nothing. */
    record Deaf(Address node) implements Fault {
        public Deaf {
            node = node.root();
        }

        @Override
        public String toString() {
            return "deafen " + node;
        }
    }

    /** Remove every partition, cut, isolation and deafness. Loss, duplication and delay stay as set. */
    record Heal() implements Fault {
        @Override
        public String toString() {
            return "heal";
        }
    }

    /** Remove every loss, duplication and delay rule: a reliable network with the default delay. */
    record Reliable() implements Fault {
        @Override
        public String toString() {
            return "reliable network";
        }
    }

    /** Stop {@code node}: it loses its state, its timers and every message still coming to it. */
    record Crash(Address node) implements Fault {
        public Crash {
            node = node.root();
        }

        @Override
        public String toString() {
            return "crash " + node;
        }
    }

    /** Start a crashed {@code node} again as a fresh instance with empty state. */
    record Restart(Address node) implements Fault {
        public Restart {
            node = node.root();
        }

        @Override
        public String toString() {
            return "restart " + node;
        }
    }

    private static void requireRate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("A rate is between 0 and 1, not " + rate);
        }
    }
}
