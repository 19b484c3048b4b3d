package faultline.testkit.lincheck;

import faultline.testkit.history.Operation;

import java.util.List;

/**
 * Why a sub-history is not linearizable, taken from the deepest point the search reached.
 *
 * @param subHistory            which part failed, e.g. {@code key "4"}
 * @param longestPrefix         the longest order of operations the model accepted, which no extension completes
 * @param latestConsistentValue the model state after that prefix, described
 * @param stuck                 the operation that had to take effect next (it had already returned) but could not
 * @param candidates            the operations that could have come next after the prefix; none of them led on
 * @param summary               one sentence saying what went wrong
 * @param explanation           the summary followed by the end of the prefix and the candidates, with their times
 */
public record Violation(String subHistory, List<Operation<?, ?>> longestPrefix, String latestConsistentValue,
                        Operation<?, ?> stuck, List<Operation<?, ?>> candidates, String summary, String explanation) {
    public Violation {
        longestPrefix = List.copyOf(longestPrefix);
        candidates = List.copyOf(candidates);
    }
}
