package faultline.grader.store;

/** How one test went on one seed of a calibration run ({@code status} is the runner's test status by name). */
public record CalibrationResultRow(long calibrationId, String testId, long seed, String status, String message) {
}
