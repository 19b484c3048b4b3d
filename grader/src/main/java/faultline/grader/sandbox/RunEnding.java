package faultline.grader.sandbox;

import faultline.runner.SandboxRunner;
import faultline.runner.report.ReportJson;
import faultline.runner.report.RunReport;
import faultline.runner.report.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads how a run ended, the same for every sandbox: the runner's results when it wrote them, else
 * what the sandbox saw (deadline, memory kill, the JVM ending early, no results). A run that did not
 * finish still carries the tests that did, from the runner's partial results, under its own verdict.
 */
record RunEnding(Verdict verdict, String message, Optional<RunReport> report) {

    /** How the JVM says it ended itself on -XX:+ExitOnOutOfMemoryError. */
    private static final String JVM_OOM = "Terminating due to java.lang.OutOfMemoryError";

    /** The exit code of a JVM that ended itself on -XX:+ExitOnOutOfMemoryError. */
    private static final int JVM_OOM_EXIT = 3;

    /**
     * The runner's own results decide when it wrote them: what a run printed is the student's to choose, so the
     * log is only evidence, read when there are no results (a JVM that ended itself on an OutOfMemoryError says
     * so on its console and exits with 3; a line alone, which any test can print, proves nothing).
     */
    static RunEnding read(Path out, int exitCode, boolean timedOut, boolean oomKilled, String log, SandboxLimits limits) {
        ReportJson json = new ReportJson();
        Path results = out.resolve(SandboxRunner.RESULTS);
        Optional<RunReport> partial = readQuietly(json, out.resolve(SandboxRunner.PARTIAL_RESULTS));
        if (Files.exists(results)) {
            Optional<RunReport> report = readQuietly(json, results);
            if (report.isPresent()) {
                return new RunEnding(report.get().verdict(), report.get().message(), report);
            }
            return stopped(Verdict.MISSING_RESULTS, "The runner's results file could not be read, so the run"
                    + " is not counted as a pass. It will be looked at by the course staff.", partial);
        }
        if (timedOut) {
            return stopped(Verdict.TIMEOUT, "The run did not finish within its deadline of "
                    + limits.wallClock().toSeconds() + " s and was stopped. Tests that finished before then are"
                    + " listed; look for a test that never ends or a very slow one.", partial);
        }
        if (oomKilled || (exitCode == JVM_OOM_EXIT && log.contains(JVM_OOM))) {
            return stopped(Verdict.OUT_OF_MEMORY, "The run used more memory than its limit of "
                    + (limits.memoryBytes() >> 20) + " MB and was stopped. Look for state that grows without"
                    + " bound (logs never trimmed, messages kept forever). Tests that finished before then are listed.",
                    partial);
        }
        if (exitCode != 0) {
            return stopped(Verdict.JVM_EXIT, "The JVM ended (exit code " + exitCode + ") before the runner"
                    + " wrote its results. Lab code must not end the process; tests that finished before then"
                    + " are listed.", partial);
        }
        return stopped(Verdict.MISSING_RESULTS, "The run ended without writing results, so it is not counted as"
                + " a pass. It will be looked at by the course staff.", partial);
    }

    private static RunEnding stopped(Verdict verdict, String message, Optional<RunReport> partial) {
        Optional<RunReport> report = partial.map(p -> new RunReport(p.lab(), verdict, message, p.seeds(),
                p.diagnostics(), p.tests(), p.durationMillis(), p.phaseMillis()));
        return new RunEnding(verdict, message, report);
    }

    private static Optional<RunReport> readQuietly(ReportJson json, Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.read(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
