package faultline.framework.sim;

import faultline.framework.Address;
import faultline.framework.fault.Delay;
import faultline.framework.fault.Scenario;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Throughput of the simulator on a fixed seeded scenario: 7 gossiping nodes under loss,
 * duplication, a long tail of delays, a partition and a crash with restart. Prints events per
 * second with tracing off and on, the cost of tracing, and the trace digest (which must be the same
 * for the same seed on every run). Run it through bench/sim.sh.
 */
public final class SimBenchmark {

    static final List<Address> NODES = IntStream.range(0, 7).mapToObj(i -> Address.of("n" + i)).toList();

    static Scenario scenario() {
        return Scenario.named("benchmark: loss, duplicates, delays, a partition and a crash")
                .at(0).drop(0.1)
                .at(0).duplicate(0.05)
                .at(0).delay(Delay.between(1, 10).withTail(0.05, 300))
                .at(20_000).partition(Set.copyOf(NODES.subList(0, 3)), Set.copyOf(NODES.subList(3, 7)))
                .at(40_000).crash(NODES.get(5))
                .at(50_000).heal()
                .at(60_000).restart(NODES.get(5))
                .build();
    }

    static Simulation run(Simulation sim, long simulatedMillis) {
        for (Address node : NODES) {
            List<Address> peers = NODES.stream().filter(p -> !p.equals(node)).toList();
            sim.add(node, a -> new GossipNode(a, peers, 2));
        }
        sim.apply(scenario());
        sim.runFor(simulatedMillis);
        return sim;
    }

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        long simulatedMillis = args.length > 1 ? Long.parseLong(args[1]) : 300_000;

        // Warm up the JIT on the same workload, then measure.
        run(Simulation.untraced(seed + 1), simulatedMillis / 4);
        run(Simulation.with(seed + 1, 20_000, Simulation.DEFAULT_DELAY), simulatedMillis / 8);

        long start = System.nanoTime();
        Simulation untraced = run(Simulation.untraced(seed), simulatedMillis);
        double untracedSeconds = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        Simulation traced = run(Simulation.with(seed, 20_000, Simulation.DEFAULT_DELAY), simulatedMillis);
        double tracedSeconds = (System.nanoTime() - start) / 1e9;

        long events = untraced.stats().events();
        if (events != traced.stats().events()) {
            throw new IllegalStateException("tracing changed the run: " + events + " vs " + traced.stats().events());
        }
        System.out.println("seed=" + seed);
        System.out.println("nodes=" + NODES.size() + " simulated_ms=" + simulatedMillis + " events=" + events
                + " " + untraced.stats());
        System.out.printf("events_per_sec=%d%n", Math.round(events / untracedSeconds));
        System.out.printf("traced_events_per_sec=%d%n", Math.round(events / tracedSeconds));
        System.out.printf("tracing_cost=%.2fx%n", tracedSeconds / untracedSeconds);
        System.out.println("trace_digest=" + traced.trace().digest());
    }
}
