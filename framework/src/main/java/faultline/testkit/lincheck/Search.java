package faultline.testkit.lincheck;

import faultline.testkit.history.Operation;
import faultline.testkit.history.Outcome;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The depth-first search for a linearization of one sub-history (Wing and Gong's algorithm with Lowe's cache, as
 * in Porcupine).
 *
 * <p>Every operation contributes two entries, its call and its return, kept in time order in a doubly linked
 * list. At any point the candidates to linearize next are the calls that come before the first return in the
 * list: each has been called, and nothing still in the list had to finish before it. The search tries them in
 * order; when the model accepts one, it lifts the call and its return out of the list and starts again from the
 * head. When it meets a return first, that operation must already have taken effect but none of the candidates
 * fits, so it undoes the latest choice (reinserting the lifted entries, whose own links still point where they
 * belong) and tries the next candidate. The list is empty exactly when every operation has been placed.
 *
 * <p>Beyond the cache of explored configurations, three rules prune the search without losing a linearization,
 * each argued where it is applied: a read-only operation the model accepts now is placed at once and never
 * reconsidered ({@link #harmlessCandidate}); of two interchangeable operations the earlier goes first
 * ({@link #earlierTwin}); and an operation without reply is placed only where it changes the state, since the
 * end of the history takes the rest. A cross-check against exhaustive search on random histories
 * (BruteForceAgreementTest) keeps these rules honest.
 *
 * <p>The loop allocates nothing of its own: the list lives in int arrays, the choices on an explicit stack, and
 * explored configurations in {@link SeenConfigurations}.
 */
final class Search<S, I, O> {

    private static final int NIL = -1;
    /** Read the clock once per this many steps + 1: often enough to stop within a millisecond or so. */
    private static final int CLOCK_CHECK_MASK = 0xFF;
    /** How many bitset words the cache may hold (512 MiB) before the search gives up with UNKNOWN. */
    private static final long CACHE_MEMORY_WORDS = 1L << 26;

    private final Model<S, I, O> model;
    private final List<Operation<I, O>> operations;
    private final I[] inputs;
    private final O[] outputs;
    private final boolean[] unknown;

    /** Entries are numbered in time order; entry e is a call or return of operation {@code operationOf[e]}. */
    private final int[] operationOf;
    /** For a call entry, the entry of its return; {@link #NIL} for a return entry. */
    private final int[] returnOf;
    private final int[] next;
    private final int[] prev;
    /** A sentinel before the first entry, so that lifting the first entry needs no special case. */
    private final int head;
    /**
     * An earlier twin of each operation, or {@link #NIL}: an operation with the same input and outcome that was
     * called no later and returned no later. Twins are interchangeable in any linearization (swap them and every
     * state and real-time constraint still holds), so the search lets an operation take effect only after its
     * earlier twin has, and need not try both orders.
     */
    private final int[] earlierTwin;

    // Where the search stands, kept between calls to run() so that it can resume.
    private final LinearizedSet linearized;
    private SeenConfigurations<S> seen;
    /** The call entries chosen so far, and the state before each choice: the undo stack. */
    private final int[] choices;
    private Object[] statesBefore;
    /** Whether each choice was the only one worth trying at its point, so undoing it undoes the one before too. */
    private final boolean[] onlyChoices;
    /** Whether the current point's harmless candidate, if any, has been looked for. */
    private boolean freshNodeHandled;
    private int depth;
    private S state;
    private int entry;
    private long steps;
    private Status status = Status.RUNNING;
    private int configurations;

    // The deepest point reached, which a violation report explains.
    private int longestDepth = -1;
    private int[] longestPrefix = new int[0];
    private S stateAfterLongest;
    private int stuck = NIL;
    private int[] stuckCandidates = new int[0];

    @SuppressWarnings("unchecked")
    Search(Model<S, I, O> model, List<Operation<I, O>> operations) {
        this.model = model;
        this.operations = operations;
        int n = operations.size();
        inputs = (I[]) new Object[n];
        outputs = (O[]) new Object[n];
        unknown = new boolean[n];
        for (int i = 0; i < n; i++) {
            Operation<I, O> op = operations.get(i);
            inputs[i] = op.input();
            if (op.outcome() instanceof Outcome.Returned<O> returned) {
                outputs[i] = returned.value();
            } else {
                unknown[i] = true;
            }
        }

        // Raw entry r < n is the call of operation r, r >= n the return of operation r - n. At equal times calls
        // sort before returns: operations that touch the same instant are treated as concurrent.
        Integer[] byTime = IntStream.range(0, 2 * n).boxed().toArray(Integer[]::new);
        Arrays.sort(byTime, Comparator.<Integer>comparingLong(r -> r < n
                        ? operations.get(r).callTime()
                        : operations.get(r - n).returnTime())
                .thenComparingInt(r -> r < n ? 0 : 1)
                .thenComparingInt(r -> r % n));
        operationOf = new int[2 * n];
        returnOf = new int[2 * n];
        int[] callEntry = new int[n];
        int[] returnEntry = new int[n];
        for (int e = 0; e < 2 * n; e++) {
            int raw = byTime[e];
            operationOf[e] = raw % n;
            if (raw < n) {
                callEntry[raw] = e;
            } else {
                returnEntry[raw - n] = e;
            }
        }
        Arrays.fill(returnOf, NIL);
        for (int op = 0; op < n; op++) {
            returnOf[callEntry[op]] = returnEntry[op];
        }
        head = 2 * n;
        next = new int[2 * n + 1];
        prev = new int[2 * n + 1];
        for (int e = 0; e < 2 * n; e++) {
            next[e] = e + 1 < 2 * n ? e + 1 : NIL;
            prev[e] = e == 0 ? head : e - 1;
        }
        next[head] = n == 0 ? NIL : 0;
        prev[head] = NIL;

        earlierTwin = new int[n];
        Arrays.fill(earlierTwin, NIL);
        Map<List<Object>, Integer> lastCalledAlike = new HashMap<>();
        for (int e = 0; e < 2 * n; e++) {
            int op = operationOf[e];
            if (returnOf[e] != NIL) {
                Operation<I, O> operation = operations.get(op);
                Integer twin = lastCalledAlike.put(List.of(operation.input(), operation.outcome()), op);
                if (twin != null && operations.get(twin).returnTime() <= operation.returnTime()) {
                    earlierTwin[op] = twin;
                }
            }
        }

        linearized = new LinearizedSet(n);
        seen = new SeenConfigurations<>(model, n, CACHE_MEMORY_WORDS);
        choices = new int[n];
        statesBefore = new Object[n];
        onlyChoices = new boolean[n];
        state = model.init();
        stateAfterLongest = state;
        entry = next[head];
    }

    /** Where a search stands after a call to {@link #run}. */
    enum Status {
        /** Still searching: it used up its step allowance. */
        RUNNING,
        LINEARIZABLE,
        NOT_LINEARIZABLE,
        /** The clock passed the deadline. */
        OUT_OF_TIME,
        /** The explored configurations filled the memory the search may use. */
        OUT_OF_MEMORY
    }

    /**
     * Searches on from where the last call stopped, until it decides, has taken {@code stepLimit} steps in all, or
     * the clock passes {@code deadlineNanos} (a {@link System#nanoTime} value). Step allowances let the checker
     * advance several sub-histories in even, repeatable rounds.
     */
    Status run(long stepLimit, long deadlineNanos) {
        if (status != Status.RUNNING) {
            return status;
        }
        try {
            while (next[head] != NIL) {
                if (steps >= stepLimit) {
                    return Status.RUNNING;
                }
                if ((++steps & CLOCK_CHECK_MASK) == 0) {
                    if (System.nanoTime() - deadlineNanos > 0) {
                        return finish(Status.OUT_OF_TIME);
                    }
                    if (seen.isFull()) {
                        return finish(Status.OUT_OF_MEMORY);
                    }
                }
                if (entry == next[head] && !freshNodeHandled) {
                    freshNodeHandled = true;
                    int harmless = harmlessCandidate();
                    if (harmless != NIL) {
                        // Placing it now loses nothing, so it is the only choice tried here.
                        if (!place(harmless, state, true) && !backtrack()) {
                            return finish(Status.NOT_LINEARIZABLE);
                        }
                        continue;
                    }
                }
                int op = operationOf[entry];
                if (returnOf[entry] != NIL) {
                    // A call: try to let this operation take effect now.
                    if (canTakeEffect(op)) {
                        S after = model.apply(state, inputs[op]);
                        // An operation without reply that changes nothing here might as well take effect last.
                        boolean pointless = unknown[op] && model.sameState(after, state);
                        if (!pointless && place(entry, after, false)) {
                            continue;
                        }
                    }
                    entry = next[entry];
                } else if (unknown[op]) {
                    // Returns of operations without reply sort last, so every operation with a reply has been
                    // placed; the rest can take effect at the very end, or never, where nothing observes them.
                    break;
                } else {
                    // A return: this operation had to take effect by now, yet no candidate before it fits.
                    if (depth > longestDepth) {
                        noteLongest(depth, entry);
                    }
                    if (!backtrack()) {
                        return finish(Status.NOT_LINEARIZABLE);
                    }
                }
            }
            noteLongest(depth, NIL);
            return finish(Status.LINEARIZABLE);
        } catch (OutOfMemoryError e) {
            // The cache is the only thing here that grows; dropping it (in finish) gives the memory back, so the
            // caller can report UNKNOWN instead of the whole test run dying.
            return finish(Status.OUT_OF_MEMORY);
        }
    }

    /**
     * Lets the operation of call entry {@code call} take effect, moving to state {@code after}, unless that
     * configuration was explored before; returns whether it did.
     */
    private boolean place(int call, S after, boolean onlyChoice) {
        int op = operationOf[call];
        linearized.add(op);
        if (!seen.addIfAbsent(linearized, after)) {
            linearized.remove(op);
            return false;
        }
        choices[depth] = call;
        onlyChoices[depth] = onlyChoice;
        statesBefore[depth] = state;
        depth++;
        state = after;
        lift(call);
        entry = next[head];
        freshNodeHandled = false;
        return true;
    }

    /**
     * Undoes choices until one leaves another candidate to try, and points {@link #entry} at it; returns false
     * when there is nothing left to undo, which means no linearization exists.
     */
    @SuppressWarnings("unchecked")
    private boolean backtrack() {
        while (depth > 0) {
            depth--;
            int call = choices[depth];
            state = (S) statesBefore[depth];
            statesBefore[depth] = null;
            linearized.remove(operationOf[call]);
            unlift(call);
            if (!onlyChoices[depth]) {
                entry = next[call];
                freshNodeHandled = true;
                return true;
            }
        }
        return false;
    }

    /**
     * A candidate that the model calls read-only (a read, a failed cas) and accepts now, or {@link #NIL}. Placing it
     * at once is never a mistake: in any way to go on from here it could be
     * moved to the front without changing a state or breaking real-time order, since nothing left had to
     * finish before it was called. So the search commits to it and tries no alternative at this point.
     */
    private int harmlessCandidate() {
        for (int e = next[head]; e != NIL && returnOf[e] != NIL; e = next[e]) {
            int op = operationOf[e];
            if (!unknown[op] && model.isReadOnly(inputs[op], outputs[op]) && canTakeEffect(op)) {
                return e;
            }
        }
        return NIL;
    }

    /** Whether the operation may take effect in the current state, before any operation not yet placed. */
    private boolean canTakeEffect(int op) {
        if (earlierTwin[op] != NIL && !linearized.contains(earlierTwin[op])) {
            return false;
        }
        return unknown[op] || model.permits(state, inputs[op], outputs[op]);
    }

    private Status finish(Status decided) {
        status = decided;
        configurations = seen.size();
        seen = null;
        statesBefore = null;
        return decided;
    }

    /** Removes a call and its return from the list; their own links are kept so {@link #unlift} can undo it. */
    private void lift(int call) {
        next[prev[call]] = next[call];
        prev[next[call]] = prev[call];
        int ret = returnOf[call];
        next[prev[ret]] = next[ret];
        if (next[ret] != NIL) {
            prev[next[ret]] = prev[ret];
        }
    }

    /** Puts back the entries of the most recent {@link #lift}, in reverse order. */
    private void unlift(int call) {
        int ret = returnOf[call];
        next[prev[ret]] = ret;
        if (next[ret] != NIL) {
            prev[next[ret]] = ret;
        }
        next[prev[call]] = call;
        prev[next[call]] = call;
    }

    /** Keeps the deepest point the search reached: the choices so far and, if stuck, what blocked it. */
    private void noteLongest(int reached, int blockingReturn) {
        longestDepth = reached;
        longestPrefix = new int[reached];
        for (int i = 0; i < reached; i++) {
            longestPrefix[i] = operationOf[choices[i]];
        }
        stateAfterLongest = state;
        if (blockingReturn == NIL) {
            return;
        }
        stuck = operationOf[blockingReturn];
        int count = 0;
        for (int e = next[head]; e != blockingReturn; e = next[e]) {
            if (returnOf[e] != NIL) {
                count++;
            }
        }
        stuckCandidates = new int[count];
        count = 0;
        for (int e = next[head]; e != blockingReturn; e = next[e]) {
            if (returnOf[e] != NIL) {
                stuckCandidates[count++] = operationOf[e];
            }
        }
    }

    /** Operation indices, in order, of the longest prefix that the model accepted. */
    int[] longestPrefix() {
        return longestPrefix.clone();
    }

    /** The model state after {@link #longestPrefix()}; the initial state if the search never got anywhere. */
    S stateAfterLongest() {
        return stateAfterLongest;
    }

    /** The operation whose return the search could not get past at its deepest point, or -1 if none. */
    int stuck() {
        return stuck;
    }

    /** The operations that could have come next at the deepest point; none of them led anywhere. */
    int[] stuckCandidates() {
        return stuckCandidates.clone();
    }

    /** How many distinct configurations the search explored (so far, while it is still running). */
    int configurations() {
        return seen != null ? seen.size() : configurations;
    }

    Status status() {
        return status;
    }

    int operationCount() {
        return operations.size();
    }

    long steps() {
        return steps;
    }
}
