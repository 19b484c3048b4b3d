package faultline.runner.report;

import java.util.List;
import java.util.Map;

/**
 * The runner's results.json: what a grading run produced, written by the runner (never by student
 * code). A sandbox that finds no such file, or an unreadable one, reports {@link Verdict#MISSING_RESULTS}.
 *
 * @param phaseMillis how long the runner's own phases took ("compile", "check", "tests"), in the order
 *                    they ran, so the grader can tell JVM start from compile from the suite
 */
public record RunReport(
        String lab,
        Verdict verdict,
        String message,
        List<Long> seeds,
        List<Diagnostic> diagnostics,
        List<TestResult> tests,
        long durationMillis,
        Map<String, Long> phaseMillis) {
}
