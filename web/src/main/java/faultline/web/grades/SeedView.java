package faultline.web.grades;

/** One seed of one test: how it ended and how to replay it; {@code traceId} is 0 when there is no chart. */
public record SeedView(long resultId, long seed, String status, boolean passed, String message, String replay,
                       String output, boolean outputTruncated, long traceId) {
}
