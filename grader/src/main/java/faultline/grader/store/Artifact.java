package faultline.grader.store;

/** A file a run left behind, by path relative to the data folder. */
public record Artifact(long id, long runId, ArtifactKind kind, String path, long bytes) {
}
