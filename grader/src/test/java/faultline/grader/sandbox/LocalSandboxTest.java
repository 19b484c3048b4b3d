package faultline.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.runner.SandboxRunner;
import faultline.runner.report.ReportJson;
import faultline.runner.report.RunReport;
import faultline.runner.report.TestStatus;
import faultline.runner.report.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hostile corpus through the local process sandbox, which needs nothing but a JDK. */
class LocalSandboxTest extends HostileCorpusContract {

    private static LocalSandbox sandbox;

    @BeforeAll
    static void open() throws Exception {
        sandbox = new LocalSandbox(SandboxFixtures.echoDistribution(), RunnerJvm.defaults());
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    @Override
    Sandbox sandbox() {
        return sandbox;
    }

    /**
     * What a grader killed mid-run leaves behind: its child runner, which nobody will stop at the deadline.
     * Started with the very command the sandbox uses and never stopped from outside, an endless loop with a
     * per-test timeout far past the deadline must still end by itself shortly after the deadline.
     */
    @Test
    void aRunnerNobodyStopsEndsItselfShortlyAfterItsDeadline() throws Exception {
        SandboxLimits tight = new SandboxLimits(LIMITS.memoryBytes(), 1.0, 128, Duration.ofSeconds(1),
                Duration.ofSeconds(120), LIMITS.outputBytes(), LIMITS.tmpfsBytes());
        Path out = Files.createDirectories(artifacts.resolve("orphan"));
        Path work = Files.createDirectories(artifacts.resolve("orphan-work"));
        SandboxRequest request = new SandboxRequest("echo", SandboxFixtures.submission("loop"), List.of(1L), tight, out);
        Process orphan = new ProcessBuilder(sandbox.command(request, out, work)).redirectErrorStream(true)
                .redirectOutput(artifacts.resolve("orphan.log").toFile()).start();
        try {
            // Far less than the 120 s the looping test alone would get; the deadline is 1 s, the grace 2 s.
            assertTrue(orphan.waitFor(30, TimeUnit.SECONDS), "the orphaned runner is still running");
            String log = Files.readString(artifacts.resolve("orphan.log"), StandardCharsets.UTF_8);
            assertEquals(SandboxRunner.DEADLINE_EXIT, orphan.exitValue(), log);
            assertTrue(log.contains("so the runner stopped itself"), log);
            RunReport report = new ReportJson().read(out.resolve(SandboxRunner.RESULTS));
            assertEquals(Verdict.TIMEOUT, report.verdict(), report.message());
            assertTrue(report.message().contains("within its deadline of 1 s and stopped itself"), report.message());
            assertTrue(report.tests().stream().noneMatch(t -> t.method().equals("settles")
                    && t.status() == TestStatus.PASSED), report.tests()::toString);
        } finally {
            orphan.destroyForcibly();
        }
    }
}
