package faultline.framework.fault;

import faultline.framework.Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A timeline of faults, relative to the moment it is applied to a run. A scenario is a value: tests
 * build it fluently, it prints itself readably in every failure message, and together with the
 * run's seed it makes the run replay exactly.
 *
 * <pre>{@code
 * Scenario.named("old primary partitioned away")
 *     .at(0).drop(0.1)
 *     .at(2_000).partition(Set.of(s1), Set.of(s2, s3))
 *     .at(6_000).heal()
 *     .build();
 * }</pre>
 */
public record Scenario(String name, List<Step> steps) {

    /** One fault at one moment, in milliseconds after the scenario starts. */
    public record Step(long atMillis, Fault fault) {
        public Step {
            if (atMillis < 0) {
                throw new IllegalArgumentException("A step happens at or after the start, not at " + atMillis);
            }
        }

        @Override
        public String toString() {
            return "at " + atMillis + "ms " + fault;
        }
    }

    public Scenario {
        steps = steps.stream().sorted(Comparator.comparingLong(Step::atMillis)).toList();
    }

    /** The scenario where nothing goes wrong. */
    public static Scenario none() {
        return new Scenario("no faults", List.of());
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The moment of the last step, or 0. */
    public long lastStepMillis() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).atMillis();
    }

    @Override
    public String toString() {
        if (steps.isEmpty()) {
            return "\"" + name + "\" (no faults)";
        }
        int shown = Math.min(steps.size(), 12);
        String list = steps.subList(0, shown).stream().map(Step::toString).collect(Collectors.joining("; "));
        String more = steps.size() > shown ? "; ... " + (steps.size() - shown) + " more steps" : "";
        return "\"" + name + "\": " + list + more;
    }

    /** Builds a scenario one step at a time: {@code at(t)} then the fault. */
    public static final class Builder {
        private final String name;
        private final List<Step> steps = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public At at(long millis) {
            return new At(millis);
        }

        /** Adds a step made elsewhere. */
        public Builder step(long millis, Fault fault) {
            steps.add(new Step(millis, fault));
            return this;
        }

        /**
         * Re-draws a random partition of {@code nodes} into up to {@code maxGroups} groups every
         * {@code minEvery}..{@code maxEvery} ms from {@code start} until {@code end}, then heals. The
         * draws come from {@code seed}, so the same seed gives the same timeline.
         */
        public Builder partitionChurn(Collection<Address> nodes, int maxGroups, long start, long end,
                                      long minEvery, long maxEvery, long seed) {
            SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
            List<Address> ordered = nodes.stream().sorted().toList();
            for (long t = start; t < end; t += minEvery + random.nextLong(maxEvery - minEvery + 1)) {
                int groups = 1 + random.nextInt(maxGroups);
                List<Set<Address>> drawn = new ArrayList<>();
                for (int g = 0; g < groups; g++) {
                    drawn.add(new LinkedHashSet<>());
                }
                for (Address node : ordered) {
                    drawn.get(random.nextInt(groups)).add(node);
                }
                drawn.removeIf(Set::isEmpty);
                steps.add(new Step(t, new Fault.Partition(drawn)));
            }
            steps.add(new Step(end, new Fault.Heal()));
            return this;
        }

        public Scenario build() {
            return new Scenario(name, steps);
        }

        /** The faults that can happen at one moment. */
        public final class At {
            private final long millis;

            private At(long millis) {
                this.millis = millis;
            }

            private Builder add(Fault fault) {
                steps.add(new Step(millis, fault));
                return Builder.this;
            }

            public Builder drop(double rate) {
                return add(new Fault.Drop(Links.all(), rate));
            }

            public Builder drop(double rate, Links links) {
                return add(new Fault.Drop(links, rate));
            }

            public Builder duplicate(double rate) {
                return add(new Fault.Duplicate(Links.all(), rate));
            }

            public Builder duplicate(double rate, Links links) {
                return add(new Fault.Duplicate(links, rate));
            }

            public Builder delay(Delay delay) {
                return add(new Fault.Latency(Links.all(), delay));
            }

            public Builder delay(Delay delay, Links links) {
                return add(new Fault.Latency(links, delay));
            }

            @SafeVarargs
            public final Builder partition(Set<Address>... groups) {
                return add(new Fault.Partition(Arrays.asList(groups)));
            }

            public Builder partition(List<Set<Address>> groups) {
                return add(new Fault.Partition(groups));
            }

            /** Cuts {@code node} off from everyone else on the network, both ways. */
            public Builder isolate(Address node) {
                return add(new Fault.Isolate(node));
            }

            public Builder cut(Address from, Address to) {
                return add(new Fault.Cut(from, to));
            }

            public Builder deafen(Address node) {
                return add(new Fault.Deaf(node));
            }

            public Builder heal() {
                return add(new Fault.Heal());
            }

            public Builder reliable() {
                return add(new Fault.Reliable());
            }

            public Builder crash(Address node) {
                return add(new Fault.Crash(node));
            }

            public Builder restart(Address node) {
                return add(new Fault.Restart(node));
            }
        }
    }
}
