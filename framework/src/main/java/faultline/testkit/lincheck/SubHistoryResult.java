package faultline.testkit.lincheck;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one independently checked part of a history.
 *
 * @param name           the part's name, e.g. {@code key "4"}
 * @param verdict        what the search concluded
 * @param summary        one sentence on this part: its verdict, what went wrong, or why it is undecided
 * @param operations     how many operations the part holds
 * @param elapsed        how long its search took
 * @param configurations how many distinct (linearized set, state) configurations the search explored
 * @param violation      why it is not linearizable; present exactly when the verdict is NOT_LINEARIZABLE
 */
public record SubHistoryResult(String name, Verdict verdict, String summary, int operations, Duration elapsed,
                               int configurations, Optional<Violation> violation) {

    public SubHistoryResult {
        Objects.requireNonNull(summary, "summary");
        if (violation.isPresent() != (verdict == Verdict.NOT_LINEARIZABLE)) {
            throw new IllegalArgumentException("A violation is reported exactly when the verdict is NOT_LINEARIZABLE.");
        }
    }
}
