package faultline.grader.store;

/** What a stored file beside a run is. */
public enum ArtifactKind {
    FULL_LOG, RESULTS, TRACE, OTHER
}
