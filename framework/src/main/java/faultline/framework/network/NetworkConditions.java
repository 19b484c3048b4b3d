package faultline.framework.network;

import faultline.framework.Address;
import faultline.framework.fault.Delay;
import faultline.framework.fault.Fault;
import faultline.framework.fault.Links;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The state of the network a run is in, and the fate of each message sent through it. Both runtimes
 * use this one class, so a scenario means the same in the simulator and over TCP. Not thread-safe:
 * the live runtime guards it.
 *
 * <p>For each property (loss, duplication, delay) the most recently set rule that matches a link
 * wins; {@link Fault.Reliable} clears them. Reachability (partitions, cuts, isolation, deafness) is
 * checked when a message is sent; {@link Fault.Heal} restores it.
 */
public final class NetworkConditions {

    /** What happens to one message. */
    public enum Fate {
        DELIVER, DUPLICATE, LOST, UNREACHABLE
    }

    private record Rule<V>(Links links, V value) {
    }

    private final Delay defaultDelay;
    private final List<Rule<Double>> drops = new ArrayList<>();
    private final List<Rule<Double>> duplicates = new ArrayList<>();
    private final List<Rule<Delay>> delays = new ArrayList<>();
    private final Map<Address, Integer> partitionGroup = new HashMap<>();
    private final Set<Address> deaf = new HashSet<>();
    private final Set<Address> isolated = new HashSet<>();
    private final Set<Map.Entry<Address, Address>> cuts = new HashSet<>();
    private boolean anyReachabilityFault;

    public NetworkConditions(Delay defaultDelay) {
        this.defaultDelay = defaultDelay;
    }

    /** Applies a network fault. Node faults (crash, restart) are the runtime's and are rejected here. */
    public void apply(Fault fault) {
        if (fault instanceof Fault.Drop d) {
            drops.add(new Rule<>(d.links(), d.rate()));
        } else if (fault instanceof Fault.Duplicate d) {
            duplicates.add(new Rule<>(d.links(), d.rate()));
        } else if (fault instanceof Fault.Latency l) {
            delays.add(new Rule<>(l.links(), l.delay()));
        } else if (fault instanceof Fault.Partition p) {
            partitionGroup.clear();
            for (int g = 0; g < p.groups().size(); g++) {
                for (Address node : p.groups().get(g)) {
                    partitionGroup.put(node, g);
                }
            }
        } else if (fault instanceof Fault.Cut c) {
            cuts.add(Map.entry(c.from(), c.to()));
        } else if (fault instanceof Fault.Deaf d) {
            deaf.add(d.node());
        } else if (fault instanceof Fault.Isolate i) {
            isolated.add(i.node());
        } else if (fault instanceof Fault.Heal) {
            partitionGroup.clear();
            cuts.clear();
            deaf.clear();
            isolated.clear();
        } else if (fault instanceof Fault.Reliable) {
            drops.clear();
            duplicates.clear();
            delays.clear();
        } else {
            throw new IllegalArgumentException(fault + " is a node fault, not a network one");
        }
        anyReachabilityFault = !partitionGroup.isEmpty() || !cuts.isEmpty() || !deaf.isEmpty() || !isolated.isEmpty();
    }

    /** Whether a message from {@code from} can reach {@code to} at all right now (root addresses). */
    public boolean reachable(Address from, Address to) {
        if (!anyReachabilityFault || from.equals(to)) {
            return true;
        }
        if (deaf.contains(to) || isolated.contains(to) || isolated.contains(from)) {
            return false;
        }
        if (!cuts.isEmpty() && cuts.contains(Map.entry(from, to))) {
            return false;
        }
        Integer fromGroup = partitionGroup.get(from);
        Integer toGroup = partitionGroup.get(to);
        return fromGroup == null || toGroup == null || fromGroup.equals(toGroup);
    }

    /** Decides the fate of one message from {@code from} to {@code to} (root addresses). */
    public Fate fate(Address from, Address to, RandomGenerator random) {
        if (!reachable(from, to)) {
            return Fate.UNREACHABLE;
        }
        if (from.equals(to)) {
            return Fate.DELIVER;
        }
        double drop = rate(drops, from, to);
        if (drop > 0 && random.nextDouble() < drop) {
            return Fate.LOST;
        }
        double duplicate = rate(duplicates, from, to);
        if (duplicate > 0 && random.nextDouble() < duplicate) {
            return Fate.DUPLICATE;
        }
        return Fate.DELIVER;
    }

    /** Draws how long one copy of a message from {@code from} to {@code to} spends in the network. */
    public long delay(Address from, Address to, RandomGenerator random) {
        Delay delay = defaultDelay;
        for (int i = delays.size() - 1; i >= 0; i--) {
            if (delays.get(i).links().matches(from, to)) {
                delay = delays.get(i).value();
                break;
            }
        }
        long millis = delay.minMillis() == delay.maxMillis() ? delay.minMillis()
                : delay.minMillis() + random.nextLong(delay.maxMillis() - delay.minMillis() + 1);
        if (delay.tailProbability() > 0 && random.nextDouble() < delay.tailProbability()) {
            millis = delay.maxMillis() + random.nextLong(delay.tailMaxMillis() - delay.maxMillis() + 1);
        }
        return millis;
    }

    private static double rate(List<Rule<Double>> rules, Address from, Address to) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (rules.get(i).links().matches(from, to)) {
                return rules.get(i).value();
            }
        }
        return 0;
    }
}
