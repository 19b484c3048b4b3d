package faultline.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import faultline.runner.report.TestResult;
import faultline.runner.report.TestStatus;
import faultline.runner.report.Verdict;
import faultline.runner.suite.TestId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search test runs in the Docker sandbox as it does on a developer's machine: the reference passes it.
 * (The search copies node state through the JDK's jdk.unsupported module, which a cut-down image could lack;
 * then every correct submission would lose the search tests' points, in Docker only.)
 */
class SearchTestInDockerTest {

    private static final SandboxLimits LIMITS = new SandboxLimits(1L << 30, 1.0, 256, Duration.ofMinutes(2),
            Duration.ofSeconds(60), 64L << 10, 64L << 20);

    @TempDir
    Path work;

    @Test
    void theReferencePassesAPrimaryBackupSearchTestInDocker() throws Exception {
        Path lab = SandboxFixtures.repoRoot().resolve("reference-impl/src/main/java/faultline/labs/pbkv");
        Path target = Files.createDirectories(work.resolve("src/faultline/labs/pbkv"));
        try (Stream<Path> files = Files.list(lab)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        try (DockerSandbox docker = SandboxFixtures.dockerOrSkip(
                RunnerDistribution.fromBuild(SandboxFixtures.repoRoot()), RunnerJvm.defaults())) {
            SandboxOutcome outcome = docker.grade(SandboxRequest.replay("pbkv", work.resolve("src"),
                    TestId.parse("PrimaryBackupSearchSuite#acknowledgedAppendsAreAtTheBackup"), 1, LIMITS,
                    work.resolve("out")));
            assertEquals(Verdict.COMPLETED, outcome.verdict(), outcome.message() + "\n" + outcome.log());
            List<TestResult> tests = outcome.report().orElseThrow().tests();
            assertEquals(1, tests.size(), "only the named test runs: " + tests);
            assertEquals(TestStatus.PASSED, tests.get(0).status(), tests.get(0).message());
        }
    }
}
