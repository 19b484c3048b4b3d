package faultline.grader.store;

import faultline.runner.report.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * A calibration run on its way into {@code calibrations}: who graded which lab's reference with which suite, how
 * long the whole sandbox run took, how it ended, and each test's outcome on each seed.
 */
public record NewCalibration(String worker, String host, String lab, String suiteDigest, Instant startedAt,
                             Instant finishedAt, long elapsedMs, Verdict verdict, String message,
                             List<Outcome> outcomes) {

    public NewCalibration {
        outcomes = List.copyOf(outcomes);
    }

    /** One test on one seed; {@code status} is the runner's status by name ({@code PASSED}, {@code FAILED}...). */
    public record Outcome(String testId, long seed, String status, String message) {
        public boolean failed() {
            return !status.equals("PASSED") && !status.equals("SKIPPED");
        }
    }

    public boolean completed() {
        return verdict == Verdict.COMPLETED;
    }

    /** Inserts the calibration and its outcomes; returns its id. */
    public long insert(CalibrationDao calibrations) {
        long id = calibrations.insert(worker, host, lab, suiteDigest, startedAt, finishedAt, elapsedMs, verdict,
                message);
        for (Outcome o : outcomes) {
            calibrations.insertResult(id, o.testId(), o.seed(), o.status(), o.message());
        }
        return id;
    }
}
