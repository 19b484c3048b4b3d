package faultline.grader.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A submission with the state of its latest grading job and, once graded, the standing run's points.
 * {@code jobState} is empty only for a submission that has no job at all.
 */
public record SubmissionLine(long id, long userId, String login, String lab, Instant receivedAt, int lateDays,
                             String lateStatus, Optional<String> jobState, Optional<String> verdict,
                             Optional<Double> rawPoints, Optional<Double> maxPoints) {

    /** The same line without its points, for a student while some test of its run is not released. */
    public SubmissionLine withPointsWithheld() {
        return new SubmissionLine(id, userId, login, lab, receivedAt, lateDays, lateStatus, jobState, verdict,
                Optional.empty(), Optional.empty());
    }

    /** Where the submission stands, in the words a student reads: one phrase per state. */
    public String status() {
        return status(jobState.orElse(""), verdict.orElse(""));
    }

    /** One phrase for a grading job's state and, once done, its run's verdict. */
    public static String status(String jobState, String verdict) {
        return switch (jobState) {
            case "QUEUED" -> "waiting in the queue";
            case "RUNNING" -> "being graded";
            case "FAILED" -> "not graded (platform problem)";
            case "DONE" -> verdict.isEmpty() ? "graded" : outcome(verdict);
            default -> "not queued";
        };
    }

    /** What a finished grading run came to: "graded" when the suite ran, else what stopped it. */
    public static String outcome(String verdict) {
        return switch (verdict) {
            case "COMPLETED" -> "graded";
            case "COMPILE_ERROR" -> "does not compile";
            case "API_VIOLATION" -> "uses a forbidden API";
            case "TIMEOUT" -> "ran out of time";
            case "OUT_OF_MEMORY" -> "ran out of memory";
            case "JVM_EXIT" -> "ended the JVM";
            case "MISSING_RESULTS" -> "left no results";
            case "NO_SUCH_TEST" -> "no such test";
            case "PLATFORM_ERROR" -> "not graded (platform problem)";
            default -> verdict.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }
}
