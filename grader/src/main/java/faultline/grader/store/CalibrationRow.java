package faultline.grader.store;

import faultline.runner.report.Verdict;
import java.time.Instant;

/**
 * One calibration: a worker ({@code host} is where it runs) graded {@code lab}'s reference with the suite whose
 * digest is {@code suiteDigest}; {@code elapsedMs} is the wall time of the whole sandbox run, as a student's run
 * would take on that host.
 */
public record CalibrationRow(long id, String worker, String host, String lab, String suiteDigest, Instant startedAt,
                             Instant finishedAt, long elapsedMs, Verdict verdict, String message) {
}
