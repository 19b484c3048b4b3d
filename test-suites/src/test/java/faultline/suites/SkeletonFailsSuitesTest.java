package faultline.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.testkit.junit.Seeds;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The unsolved student skeleton must earn no points: every hidden test that carries points fails on it.
 * A graded test that passes on the skeleton hands out free points, or checks nothing the lab asks for.
 * The committed skeleton (student-skeleton/src/main/java) is compiled with the suite and loaded child-first
 * (see {@link LabVariant}), so that the suite links against it, as it links against a student's code in the
 * sandbox.
 */
class SkeletonFailsSuitesTest {

    @ParameterizedTest
    @ValueSource(strings = {"pingpong", "mapreduce", "pbkv", "paxoskv", "shardkv"})
    void skeletonEarnsNoPoints(String lab, @TempDir Path work) throws Exception {
        // One seed unless -Dfaultline.seed picks another: the skeleton fails at once in the simulator, but a
        // live-runtime test waits out its real-time budget on every seed.
        Map<String, String> seed = System.getProperty(Seeds.SEED) == null ? Map.of(Seeds.SEED, "1") : Map.of();
        try (LabVariant skeleton = LabVariant.skeleton(lab, work)) {
            List<SuiteRun.Outcome> runs = skeleton.runSuite(seed);
            List<SuiteRun.Outcome> graded = runs.stream().filter(SuiteRun.Outcome::graded).toList();
            assertFalse(graded.isEmpty(), "the " + lab + " suite ran no test that carries points on the skeleton;"
                    + " ran: " + runs);
            assertTrue(graded.stream().anyMatch(run -> run.uniqueId().contains("[class:faultline.labs.")),
                    "the handout's public tests of " + lab + " are graded too, but none ran on the skeleton");
            String passing = graded.stream().filter(run -> !run.failed())
                    .map(SuiteRun.Outcome::uniqueId).collect(Collectors.joining("\n  "));
            assertEquals("", passing, "these graded " + lab + " tests pass on the unsolved skeleton, so they"
                    + " give points for nothing; make them check what the lab asks for:\n  " + passing);
        }
    }
}
