package faultline.grader.store;

/** One matched region of a pair: lines {@code start..end} (1-based, inclusive) of a file on each side. */
public record SimilarityMatchRow(long pairId, int ordinal, String firstFile, int firstStart, int firstEnd,
                                 String secondFile, int secondStart, int secondEnd, int tokens) {
}
