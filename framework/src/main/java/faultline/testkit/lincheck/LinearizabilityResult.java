package faultline.testkit.lincheck;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The checker's verdict on a whole history, with the result of each independently checked part.
 *
 * <p>The history is NOT_LINEARIZABLE if any part is, else UNKNOWN if any part ran out of budget, else
 * LINEARIZABLE.
 *
 * @param verdict      the overall verdict
 * @param elapsed      how long the whole check took
 * @param budget       the time budget it was given
 * @param subHistories one result per part, in the order the model split the history
 */
public record LinearizabilityResult(Verdict verdict, Duration elapsed, Duration budget,
                                    List<SubHistoryResult> subHistories) {

    public LinearizabilityResult {
        subHistories = List.copyOf(subHistories);
    }

    static Verdict combine(List<SubHistoryResult> parts) {
        if (parts.stream().anyMatch(p -> p.verdict() == Verdict.NOT_LINEARIZABLE)) {
            return Verdict.NOT_LINEARIZABLE;
        }
        if (parts.stream().anyMatch(p -> p.verdict() == Verdict.UNKNOWN)) {
            return Verdict.UNKNOWN;
        }
        return Verdict.LINEARIZABLE;
    }

    public boolean isLinearizable() {
        return verdict == Verdict.LINEARIZABLE;
    }

    /** The violations found, one per failing part, in part order. */
    public List<Violation> violations() {
        return subHistories.stream().flatMap(p -> p.violation().stream()).toList();
    }

    /** The first violation, which {@link #explanation()} explains. */
    public Optional<Violation> firstViolation() {
        return violations().stream().findFirst();
    }

    /** What the verdict means, in sentences a student can act on. */
    public String explanation() {
        int operations = subHistories.stream().mapToInt(SubHistoryResult::operations).sum();
        return switch (verdict) {
            case LINEARIZABLE -> operations == 0
                    ? "Linearizable: the history holds no operations."
                    : "Linearizable: all " + operations + " operations fit one sequential order ("
                    + subHistories.size() + (subHistories.size() == 1 ? " part" : " parts") + " checked in "
                    + elapsed.toMillis() + " ms).";
            case NOT_LINEARIZABLE -> {
                List<Violation> violations = violations();
                String others = violations.size() == 1 ? "" : "\nAlso not linearizable: "
                        + violations.stream().skip(1).map(Violation::subHistory).collect(Collectors.joining(", "))
                        + ".";
                yield "Not linearizable: " + violations.get(0).explanation() + others;
            }
            case UNKNOWN -> "No verdict: " + subHistories.stream().filter(p -> p.verdict() == Verdict.UNKNOWN)
                    .map(SubHistoryResult::summary).collect(Collectors.joining(" "))
                    + " Raise the budget, or record a shorter or less concurrent history.";
        };
    }
}
