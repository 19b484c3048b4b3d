package faultline.grader.store;

import java.util.Optional;

/**
 * A ranked pair of a similarity run (rank 1 is the most similar). A side is named by a student's login with the
 * submission compared, or by an earlier solution's name with no submission.
 */
public record SimilarityPairRow(long id, long runId, int rank, String firstName, Optional<Long> firstSubmission,
                                String secondName, Optional<Long> secondSubmission, double percent,
                                int matchedTokens) {
}
