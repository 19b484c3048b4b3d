package faultline.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import faultline.runner.SandboxRunner;
import faultline.runner.report.ReportJson;
import faultline.runner.report.RunReport;
import faultline.runner.report.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's results decide how a run ended; the log a student can write to is evidence only. */
class RunEndingTest {

    private static final String OOM_LINE = "Terminating due to java.lang.OutOfMemoryError: Java heap space\n";

    @TempDir
    Path out;

    @Test
    void aPrintedOutOfMemoryLineDoesNotOverruleTheRunnersResults() throws Exception {
        new ReportJson().write(out.resolve(SandboxRunner.RESULTS), new RunReport("echo", Verdict.COMPLETED,
                "The suite ran: 12 of 12 test runs passed.", List.of(1L), List.of(), List.of(), 10, Map.of()));
        RunEnding ending = RunEnding.read(out, 0, false, false, "line\n" + OOM_LINE, SandboxLimits.defaults());
        assertEquals(Verdict.COMPLETED, ending.verdict(), ending.message());
    }

    @Test
    void withoutResultsTheJvmsOwnOutOfMemoryExitIsOutOfMemory() {
        RunEnding ending = RunEnding.read(out, 3, false, false, OOM_LINE, SandboxLimits.defaults());
        assertEquals(Verdict.OUT_OF_MEMORY, ending.verdict());
    }

    @Test
    void withoutResultsAPrintedLineAndAnotherExitIsNotOutOfMemory() {
        RunEnding ending = RunEnding.read(out, 1, false, false, OOM_LINE, SandboxLimits.defaults());
        assertEquals(Verdict.JVM_EXIT, ending.verdict());
    }
}
