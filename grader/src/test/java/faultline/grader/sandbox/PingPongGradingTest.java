package faultline.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import faultline.runner.report.RunReport;
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

/** Lab 0 graded for real: the reference solution earns every point, the skeleton does not. */
class PingPongGradingTest {

    private static final SandboxLimits LIMITS = new SandboxLimits(512L << 20, 1.0, 256, Duration.ofMinutes(2),
            Duration.ofSeconds(30), 64L << 10, 64L << 20);

    @TempDir
    Path artifacts;

    private SandboxOutcome grade(Sandbox sandbox, String module, String name) throws Exception {
        return sandbox.grade(new SandboxRequest("pingpong", sources(module, name), List.of(1L, 2L), LIMITS,
                artifacts.resolve(name)));
    }

    private Path sources(String module, String name) throws Exception {
        // A submission holds the one lab's package, as the handout's upload does.
        Path lab = SandboxFixtures.repoRoot().resolve(module).resolve("src/main/java/faultline/labs/pingpong");
        Path sources = artifacts.resolve(name + "-src");
        Path target = Files.createDirectories(sources.resolve("faultline/labs/pingpong"));
        try (Stream<Path> files = Files.list(lab)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return sources;
    }

    /** One test on one seed of a client that never resends: the failing result and the digest of its trace. */
    private String replayNoResend(Sandbox sandbox, Path sources, String name) throws Exception {
        Path out = artifacts.resolve(name);
        SandboxOutcome outcome = sandbox.grade(SandboxRequest.replay("pingpong", sources,
                TestId.parse("PingPongSuite#retriesThroughLoss"), 2, LIMITS, out));
        assertEquals(Verdict.COMPLETED, outcome.verdict(), outcome.message() + "\n" + outcome.log());
        List<TestResult> tests = outcome.report().orElseThrow().tests();
        assertEquals(1, tests.size(), "only the named test runs: " + tests);
        TestResult only = tests.get(0);
        assertEquals("PingPongSuite#retriesThroughLoss", only.id());
        assertEquals(2L, only.seed());
        assertEquals(TestStatus.FAILED, only.status(), only.message());
        Path trace = out.resolve(only.traceFile().orElseThrow());
        return new ObjectMapper().readTree(trace.toFile()).path("digest").asText();
    }

    @Test
    void dockerAndLocalReplayOneTestOnOneSeedToTheSameTrace() throws Exception {
        try (DockerSandbox docker = SandboxFixtures.dockerOrSkip(RunnerDistribution.fromBuild(SandboxFixtures.repoRoot()),
                RunnerJvm.defaults());
             LocalSandbox local = new LocalSandbox(RunnerDistribution.fromBuild(SandboxFixtures.repoRoot()),
                     RunnerJvm.defaults())) {
            Path sources = sources("reference-impl", "no-resend");
            Path client = sources.resolve("faultline/labs/pingpong/PingClient.java");
            Files.writeString(client, Files.readString(client).replace("private void onRetry(RetryTimer timer) {",
                    "private void onRetry(RetryTimer timer) {\n        if (true) {\n            return;\n        }"));

            String inDocker = replayNoResend(docker, sources, "docker-replay");
            assertTrue(inDocker.matches("[0-9a-f]{64}"), inDocker);
            assertEquals(inDocker, replayNoResend(local, sources, "local-replay"),
                    "a seed replays to the same trace whichever sandbox runs it");
        }
    }

    private static void assertReferenceEarnsEverything(SandboxOutcome outcome) {
        assertEquals(Verdict.COMPLETED, outcome.verdict(), outcome.message() + "\n" + outcome.log());
        RunReport report = outcome.report().orElseThrow();
        assertTrue(report.tests().size() >= 2, report.tests()::toString);
        assertTrue(report.tests().stream().allMatch(t -> t.status() == TestStatus.PASSED), report.tests()::toString);
        assertTrue(report.tests().stream().mapToInt(t -> t.maxPoints()).sum() > 0);
    }

    private static void assertSkeletonFallsShort(SandboxOutcome outcome) {
        assertTrue(outcome.verdict() == Verdict.COMPLETED || outcome.verdict() == Verdict.COMPILE_ERROR,
                outcome.message());
        if (outcome.verdict() == Verdict.COMPLETED) {
            assertTrue(outcome.report().orElseThrow().tests().stream().anyMatch(t -> t.status() != TestStatus.PASSED),
                    "the skeleton must not pass every test");
        }
    }

    @Test
    void theLocalSandboxGradesLabZero() throws Exception {
        try (LocalSandbox local = new LocalSandbox(RunnerDistribution.fromBuild(SandboxFixtures.repoRoot()),
                RunnerJvm.defaults())) {
            assertReferenceEarnsEverything(grade(local, "reference-impl", "reference"));
            assertSkeletonFallsShort(grade(local, "student-skeleton", "skeleton"));
        }
    }

    @Test
    void theDockerSandboxGradesLabZero() throws Exception {
        try (DockerSandbox docker = SandboxFixtures.dockerOrSkip(RunnerDistribution.fromBuild(SandboxFixtures.repoRoot()),
                RunnerJvm.defaults())) {
            assertReferenceEarnsEverything(grade(docker, "reference-impl", "reference"));
            assertSkeletonFallsShort(grade(docker, "student-skeleton", "skeleton"));
        }
    }

    /**
     * The demo's buggy client takes a stale answer for the current one; over real TCP with duplicated messages that
     * shows or not by the machine's timing. Graded four times, the same code gets the same points on every test and
     * seed, the live test included, because its simulated twin decides it.
     */
    @Test
    void aClientWhoseBugShowsOverRealTcpGetsTheSameScoreEveryTime() throws Exception {
        try (LocalSandbox local = new LocalSandbox(RunnerDistribution.fromBuild(SandboxFixtures.repoRoot()),
                RunnerJvm.defaults())) {
            Path sources = sources("reference-impl", "stale-answer");
            Path client = sources.resolve("faultline/labs/pingpong/PingClient.java");
            String code = Files.readString(client);
            String check = "if (current != null && result == null && pong.sequence() == sequence) {";
            assertTrue(code.contains(check), "the planted bug no longer matches PingClient.java; update it");
            Files.writeString(client, code.replace(check, "if (current != null && result == null) {"));
            List<String> gradings = new java.util.ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                SandboxOutcome outcome = sandboxGrade(local, sources, "stale-answer-" + i, List.of(1L, 2L, 3L));
                assertEquals(Verdict.COMPLETED, outcome.verdict(), outcome.message() + "\n" + outcome.log());
                List<TestResult> tests = outcome.report().orElseThrow().tests();
                assertTrue(tests.stream().anyMatch(t -> t.id().equals("PingPongSuite#overRealTcp")), tests::toString);
                gradings.add(String.format(java.util.Locale.ROOT, "%.2f points: ",
                        faultline.grader.scoring.RunScore.ofReport(tests).rawPoints())
                        + tests.stream().map(t -> t.id() + "@" + t.seed() + "=" + t.status()).sorted().toList());
            }
            System.out.println("[four gradings] " + gradings.get(0));
            assertEquals(List.of(gradings.get(0), gradings.get(0), gradings.get(0), gradings.get(0)), gradings,
                    "the same code graded four times");
            assertTrue(gradings.get(0).contains("=FAILED"), "the planted bug costs points: " + gradings.get(0));
        }
    }

    private SandboxOutcome sandboxGrade(Sandbox sandbox, Path sources, String name, List<Long> seeds) throws Exception {
        return sandbox.grade(new SandboxRequest("pingpong", sources, seeds, LIMITS, artifacts.resolve(name)));
    }
}
