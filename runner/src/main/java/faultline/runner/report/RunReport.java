package faultline.runner.report;

import java.util.List;

/**
 * The runner's results.json: what a grading run produced, written by the runner (never by student
 * code). A sandbox that finds no such file, or an unreadable one, reports {@link Verdict#MISSING_RESULTS}.
 */
public record RunReport(
        String lab,
        Verdict verdict,
        String message,
        List<Long> seeds,
        List<Diagnostic> diagnostics,
        List<TestResult> tests,
        long durationMillis) {
}
