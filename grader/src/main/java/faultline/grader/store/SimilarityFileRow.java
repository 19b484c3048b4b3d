package faultline.grader.store;

/** A compared file of one side of a similarity run, as it was compared. */
public record SimilarityFileRow(long runId, String name, String path, String text) {
}
