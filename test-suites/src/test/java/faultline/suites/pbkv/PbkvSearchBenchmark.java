package faultline.suites.pbkv;

import faultline.framework.sim.Simulation;
import faultline.labs.pbkv.Append;
import faultline.testkit.search.Search;
import faultline.testkit.search.SearchResult;
import java.util.List;

/**
 * How fast the search explores Lab 2's space, and what a visited state costs: the search of
 * {@link PrimaryBackupSearchSuite#acknowledgedAppendsAreAtTheBackup} from the same frozen deployment (seed 1),
 * run to a fixed depth with no time bound, so every run explores the same number of states. Rates are given
 * per second of the search thread's CPU time, of the whole process's CPU time (garbage collection included),
 * and of wall time (which on a shared machine counts other programs' turns), and the heap's peak. Arguments:
 * depth, rounds, and "depth" to search depth first (breadth first otherwise). Run through bench/search.sh.
 */
public final class PbkvSearchBenchmark {

    private PbkvSearchBenchmark() {
    }

    public static void main(String[] args) {
        int depth = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean depthFirst = args.length > 2 && args[2].equals("depth");
        List<java.lang.management.MemoryPoolMXBean> heapPools = java.lang.management.ManagementFactory
                .getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP).toList();
        for (int round = 1; round <= rounds; round++) {
            PbkvWorld world = PrimaryBackupSearchSuite.settled(new PbkvWorld(Simulation.seeded(1)));
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            long heapBefore = runtime.totalMemory() - runtime.freeMemory();
            heapPools.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            // The whole process's CPU time too: it counts the garbage collector's work on the search's states.
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long processBefore = os.getProcessCpuTime();
            Search search = PrimaryBackupSearchSuite.window(world);
            if (depthFirst) {
                search.depthFirst();
            }
            SearchResult result = search
                    .maxDepth(depth)
                    .maxTime(java.time.Duration.ofMinutes(10))
                    .maxStates(Long.MAX_VALUE)
                    .commands(PrimaryBackupSearchSuite.C0, new Append("k", "x"), new Append("k", "y"))
                    .invariant(PrimaryBackupSearchSuite.backupHoldsAcknowledged(List.of("x", "y")))
                    .invariant(PrimaryBackupSearchSuite.atMostOnce("xy"))
                    .run(1);
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
            double processSeconds = (os.getProcessCpuTime() - processBefore) / 1e9;
            long heapAfter = runtime.totalMemory() - runtime.freeMemory();
            // The sum of the heap pools' peaks bounds the heap's peak from above (pools peak at different times).
            long peakHeap = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            System.out.printf("round=%d strategy=%s max_heap_mb=%d peak_heap_mb=%.0f depth=%d bound=%s states=%d transitions=%d exhaust_ms=%d cpu_ms=%.0f"
                            + " process_cpu_ms=%.0f states_per_cpu_s=%.0f states_per_process_cpu_s=%.0f states_per_wall_s=%.0f transitions_per_cpu_s=%.0f visited_bytes_per_state=%.1f peak_frontier=%d heap_growth_mb=%.0f%n",
                    round, depthFirst ? "depth-first" : "breadth-first", runtime.maxMemory() >> 20, peakHeap / 1e6,
                    result.depth(), result.bound(), result.states(), result.transitions(),
                    result.exhaustiveTime().toMillis(), cpuSeconds * 1000, processSeconds * 1000,
                    result.states() / cpuSeconds, result.states() / processSeconds,
                    result.statesPerSecond(), result.transitions() / cpuSeconds, result.bytesPerState(),
                    result.peakFrontier(), (heapAfter - heapBefore) / 1e6);
        }
    }
}
