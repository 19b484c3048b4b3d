package faultline.grader.store;

import java.util.Arrays;
import java.util.Optional;

/**
 * A file a run left behind, by path relative to the data folder, before it has a row.
 *
 * @param shared the file's content, to be kept in the database as well, when the run was graded on a host whose
 *               data folder the dashboard does not see (a worker on a shared PostgreSQL)
 */
public record NewArtifact(ArtifactKind kind, String path, long bytes, Optional<byte[]> shared) {

    public NewArtifact(ArtifactKind kind, String path, long bytes) {
        this(kind, path, bytes, Optional.empty());
    }

    public NewArtifact {
        shared = shared.map(b -> Arrays.copyOf(b, b.length));
    }
}
