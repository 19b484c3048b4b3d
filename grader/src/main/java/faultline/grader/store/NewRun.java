package faultline.grader.store;

import faultline.runner.report.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One grading attempt on its way into {@code runs}, with its per-test results and artifacts.
 *
 * @param sandboxKind the kind of sandbox that graded, by name; empty when no sandbox ran (the worker was lost)
 * @param phases JSON object of phase name to milliseconds
 * @param suiteDigest the digest of the hidden suite it was graded with, when the suite catalog knows it
 */
public record NewRun(String worker, Optional<String> sandboxKind, Verdict verdict, String message, Instant startedAt,
                     Instant finishedAt, long elapsedMs, String phases, double rawPoints, double maxPoints,
                     String log, boolean logTruncated, List<NewTestResult> results, List<NewArtifact> artifacts,
                     Optional<String> suiteDigest) {

    /** A run whose suite digest is not known (a platform failure, a catalog without digests). */
    public NewRun(String worker, Optional<String> sandboxKind, Verdict verdict, String message, Instant startedAt,
                  Instant finishedAt, long elapsedMs, String phases, double rawPoints, double maxPoints, String log,
                  boolean logTruncated, List<NewTestResult> results, List<NewArtifact> artifacts) {
        this(worker, sandboxKind, verdict, message, startedAt, finishedAt, elapsedMs, phases, rawPoints, maxPoints, log,
                logTruncated, results, artifacts, Optional.empty());
    }

    public NewRun {
        results = List.copyOf(results);
        artifacts = List.copyOf(artifacts);
    }

    public boolean platformFailed() {
        return verdict == Verdict.PLATFORM_ERROR;
    }

    /** Inserts the run and everything under it; returns the run's id. */
    public long insert(RunDao runs, long jobId, long submissionId, int attempt, boolean isFinal) {
        long id = runs.insert(jobId, submissionId, attempt, worker, sandboxKind.orElse(null), verdict, message, isFinal, startedAt,
                finishedAt, elapsedMs, phases, rawPoints, maxPoints, log, logTruncated, suiteDigest.orElse(null));
        if (!results.isEmpty()) {
            runs.insertResults(id, results);
        }
        for (NewArtifact artifact : artifacts) {
            runs.insertArtifact(id, artifact.kind(), artifact.path(), artifact.bytes());
            artifact.shared().ifPresent(content -> runs.shareArtifact(artifact.path(), content));
        }
        return id;
    }
}
