package faultline.grader.store;

/** A file a run left behind, by path relative to the data folder, before it has a row. */
public record NewArtifact(ArtifactKind kind, String path, long bytes) {
}
