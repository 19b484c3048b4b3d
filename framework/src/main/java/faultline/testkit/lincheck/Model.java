package faultline.testkit.lincheck;

import faultline.testkit.history.History;

import java.util.List;

/**
 * The sequential specification a history is checked against: a state machine that each operation moves one step.
 *
 * <p>Models are deterministic: the state after an operation depends only on the state before and the input; the
 * output is only checked against it. That is what lets the checker handle an operation whose outcome is unknown:
 * it is applied without checking any output. States must be immutable values, since the checker keeps and
 * compares them.
 *
 * @param <S> the state type
 * @param <I> the operation input type
 * @param <O> the operation output type
 */
public interface Model<S, I, O> {

    /** The state before any operation. */
    S init();

    /** Whether an operation with {@code input}, taking effect in {@code state}, could have returned {@code output}. */
    boolean permits(S state, I input, O output);

    /** The state after an operation with {@code input} takes effect in {@code state}. */
    S apply(S state, I input);

    /**
     * Whether an operation that returned {@code output} leaves every state as it is (a read, a failed
     * compare-and-set). The checker places such an operation as soon as the model permits it, which prunes much of
     * the search. Answering true for an operation that can change the state makes verdicts wrong; false is
     * always safe, only slower.
     */
    default boolean isReadOnly(I input, O output) {
        return false;
    }

    default boolean sameState(S a, S b) {
        return a.equals(b);
    }

    default int stateHash(S state) {
        return state.hashCode();
    }

    /**
     * Splits a history into parts that can be checked on their own, such as one per key of a key/value store.
     * A history is linearizable exactly when every part is, and each part is far cheaper to search.
     */
    default List<SubHistory<I, O>> partition(History<I, O> history) {
        return List.of(new SubHistory<>("the history", history));
    }

    /** An operation and what it returned, as a student would say it, e.g. {@code get returned "x0y"}. */
    String describe(I input, O output);

    /** An operation whose outcome is unknown, e.g. {@code append "y"}. */
    String describeCall(I input);

    /** A state, as it should read after "the latest consistent value was". */
    default String describeState(S state) {
        return String.valueOf(state);
    }
}
