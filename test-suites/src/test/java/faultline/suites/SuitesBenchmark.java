package faultline.suites;

import faultline.testkit.junit.SeededTestExtension;
import faultline.testkit.junit.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How long the hidden suites take on the reference: per lab, the wall time of the whole suite over the
 * seeds asked for, and the protocol time the runs covered (virtual in the simulator, real in the live
 * runtime), which is what the same scenarios would take a real-time grader. Run through bench/suites.sh.
 */
public final class SuitesBenchmark {

    private SuitesBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String seeds = args.length > 0 ? args[0] : "5";
        List<String> labs = args.length > 1 ? List.of(args[1].split(",")) : List.of("mapreduce", "pbkv", "paxoskv", "shardkv");
        System.setProperty(Seeds.SEEDS, seeds);
        SuiteRun.reference("pingpong"); // warm the JIT and class loading on a small suite first
        long totalWall = 0;
        for (String lab : labs) {
            Path stats = Files.createTempFile("faultline-run-stats", ".tsv");
            long start = System.nanoTime();
            List<SuiteRun.Outcome> outcomes = SuiteRun.launch(
                    SuiteRun.selectors(lab),
                    SuitesBenchmark.class.getClassLoader(), Map.of(SeededTestExtension.RUN_STATS, stats.toString()));
            long wallMillis = (System.nanoTime() - start) / 1_000_000;
            totalWall += wallMillis;
            long simulated = 0;
            long live = 0;
            long events = 0;
            for (String line : Files.readAllLines(stats)) {
                String[] field = line.split("\t");
                if (field[2].equals("Simulation")) {
                    simulated += Long.parseLong(field[3]);
                } else {
                    live += Long.parseLong(field[3]);
                }
                events += Long.parseLong(field[4]);
            }
            Files.delete(stats);
            long failed = outcomes.stream().filter(SuiteRun.Outcome::failed).count();
            outcomes.stream().filter(SuiteRun.Outcome::failed).forEach(outcome -> System.out.printf(
                    "FAILED %s %s: %s%n", outcome.method(), outcome.seed(), outcome.message()));
            System.out.printf("lab=%s seeds=%s runs=%d failed=%d wall_ms=%d simulated_ms=%d live_ms=%d events=%d"
                            + " speedup=%.0fx%n", lab, seeds, outcomes.size(), failed, wallMillis, simulated, live, events,
                    (simulated + live) / (double) Math.max(1, wallMillis));
        }
        System.out.printf("total_wall_ms=%d%n", totalWall);
    }
}
