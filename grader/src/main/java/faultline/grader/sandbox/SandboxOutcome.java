package faultline.grader.sandbox;

import faultline.runner.report.RunReport;
import faultline.runner.report.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a sandbox made of one run.
 *
 * @param verdict      the report's verdict when the runner finished, else what the sandbox saw
 *                     (timeout, out-of-memory kill, JVM exit, missing results)
 * @param message      a sentence for people: what happened and what to do
 * @param report       the runner's results, when it wrote readable ones
 * @param log          the run's output, capped, ending in a visible marker when cut
 * @param logTruncated whether {@code log} was cut
 * @param fullLog      the whole output, kept for staff
 * @param phases       how long each phase took (start, compile, tests, copy-out, cleanup)
 */
public record SandboxOutcome(SandboxKind kind, Verdict verdict, String message, Optional<RunReport> report,
                             String log, boolean logTruncated, Path fullLog, Duration elapsed,
                             Map<String, Duration> phases) {
}
