package faultline.testkit.lincheck;

import faultline.testkit.lincheck.formats.JepsenRegisterLog;
import faultline.testkit.lincheck.formats.KvEdnLog;
import faultline.testkit.lincheck.formats.PorcupineBenchmark;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks the public Porcupine corpus (real etcd histories recorded by Jepsen, and key/value histories) against the
 * verdicts its upstream tests assert. The corpus lives in the shared folder beside the repository, named by the
 * system property {@code faultline.benchmarks}; without it these tests are skipped.
 */
class PorcupineCorpusTest {

    /** Far above what any corpus file needs, so a slow CI machine still reaches a verdict. */
    private static final Duration BUDGET = Duration.ofSeconds(60);

    private static Path corpus() {
        String benchmarks = System.getProperty("faultline.benchmarks", "");
        Path corpus = Path.of(benchmarks.isEmpty() ? "../shared/benchmarks" : benchmarks, "porcupine");
        assumeTrue(Files.isRegularFile(corpus.resolve("verdicts.txt")), "No Porcupine corpus at "
                + corpus.toAbsolutePath() + "; set -Dfaultline.benchmarks to the shared benchmarks folder to run"
                + " these tests.");
        return corpus;
    }

    private static LinearizabilityResult check(Path file) {
        return file.getParent().getFileName().toString().equals("kv")
                ? LinearizabilityChecker.check(KvEdnLog.read(file), new KvModel(), BUDGET)
                : LinearizabilityChecker.check(JepsenRegisterLog.read(file), new RegisterModel(), BUDGET);
    }

    @TestFactory
    Stream<DynamicTest> everyHistoryGetsItsUpstreamVerdict() {
        Path corpus = corpus();
        Map<String, Verdict> expected = PorcupineBenchmark.expectedVerdicts(corpus.resolve("verdicts.txt"));
        return expected.entrySet().stream().map(file -> DynamicTest.dynamicTest(file.getKey(), () -> {
            LinearizabilityResult result = check(corpus.resolve(file.getKey()));
            assertEquals(file.getValue(), result.verdict(), result::explanation);
        }));
    }

    @Test
    void etcd095HasNoUpstreamVerdictSoItIsOnlyReported() {
        Path file = corpus().resolve("jepsen/etcd_095.log");
        assumeTrue(Files.exists(file), "jepsen/etcd_095.log is not in the corpus.");
        System.out.println("jepsen/etcd_095.log: " + check(file).explanation());
    }
}
