package faultline.web.grades;

/**
 * One seed of one test: how it ended, what the failure says (without paths inside the sandbox), and how to replay
 * it. {@code localReplay} is the command that replays it from the handout ("" when the test is not public);
 * {@code staffReplay} the grader's replay command, filled for staff only. {@code traceId} is 0 when there is no
 * chart.
 */
public record SeedView(long resultId, long seed, String status, boolean passed, String message, String localReplay,
                       String staffReplay, String output, boolean outputTruncated, long traceId) {
}
