package faultline.grader.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A hidden test the reference failed on some seed, for one suite digest. {@code decision} is empty while staff
 * have not decided (its failures are not counted), {@code COUNT} or {@code NEVER}; {@code calibrationId} is the
 * calibration that first flagged it.
 */
public record FlaggedTestRow(String lab, String suiteDigest, String testId, long calibrationId, Instant flaggedAt,
                             Optional<String> decision, Optional<String> decidedBy, Optional<Instant> decidedAt) {
}
