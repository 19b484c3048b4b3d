package faultline.grader.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One similarity run of a lab: its settings ({@code which} submission of each student, the minimum percent a pair
 * needs to be kept, the folder of earlier solutions, empty for none), who asked, and where it is: {@code state}
 * RUNNING, DONE or FAILED, {@code phase} a sentence saying what it does now, {@code done} of {@code total} steps of
 * that phase, and at the end how many submissions and pairs it compared and a closing {@code message}.
 */
public record SimilarityRunRow(long id, String lab, String which, double minPercent, String comparedWith,
                               String requestedBy, Instant startedAt, Optional<Instant> finishedAt, String state,
                               String phase, int done, int total, int submissions, int comparisons, String message) {
}
