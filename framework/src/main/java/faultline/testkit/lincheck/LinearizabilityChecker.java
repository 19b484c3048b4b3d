package faultline.testkit.lincheck;

import faultline.testkit.history.History;
import faultline.testkit.history.Operation;
import faultline.testkit.history.Outcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Decides whether a history is linearizable: whether its operations can be put in one sequential order that
 * respects real time (an operation that returned before another was called comes first) and that the model
 * accepts. The model's independent parts (one per key, say) are checked separately and in parallel; results come
 * back in the model's part order, so reports are the same from run to run. Once one part is found not
 * linearizable the check stops, and parts still being searched are reported as not checked to the end.
 *
 * <p>The search is exponential in the worst case, so every check has a time budget; when it runs out the verdict
 * is UNKNOWN rather than a hang.
 */
public final class LinearizabilityChecker {

    /** The step allowance of the first round when several parts are searched side by side. */
    private static final long FIRST_ROUND_STEPS = 1 << 12;
    /** How many operations of the longest prefix a violation report shows. */
    private static final int PREFIX_SHOWN = 5;

    private LinearizabilityChecker() {
    }

    public static <S, I, O> LinearizabilityResult check(History<I, O> history, Model<S, I, O> model, Duration budget) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("The budget " + budget + " is negative; give the checker some time.");
        }
        long start = System.nanoTime();
        long deadline = start + Math.min(budget.toNanos(), Long.MAX_VALUE / 4);
        List<SubHistory<I, O>> parts = model.partition(history);
        List<Search<S, I, O>> searches = parts.stream()
                .map(part -> new Search<>(model, part.history().operations()))
                .toList();
        long[] nanos = new long[parts.size()];

        // Advance the undecided parts in rounds with a growing step allowance each. One violation settles the
        // verdict, so an easy failing part should not wait behind a hard one; and because allowances count steps,
        // not time, which parts are decided when the check stops does not depend on thread scheduling.
        List<Integer> open = IntStream.range(0, parts.size()).boxed().toList();
        long allowance = parts.size() == 1 ? Long.MAX_VALUE : FIRST_ROUND_STEPS;
        boolean violated = false;
        while (!open.isEmpty() && !violated) {
            long stepLimit = allowance;
            (open.size() > 1 ? open.parallelStream() : open.stream()).forEach(i -> {
                long roundStart = System.nanoTime();
                searches.get(i).run(stepLimit, deadline);
                nanos[i] += System.nanoTime() - roundStart;
            });
            violated = open.stream().anyMatch(i -> searches.get(i).status() == Search.Status.NOT_LINEARIZABLE);
            open = open.stream().filter(i -> searches.get(i).status() == Search.Status.RUNNING).toList();
            allowance = allowance > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : allowance * 4;
        }

        String firstViolated = IntStream.range(0, parts.size())
                .filter(i -> searches.get(i).status() == Search.Status.NOT_LINEARIZABLE)
                .mapToObj(i -> parts.get(i).name()).findFirst().orElse("");
        List<SubHistoryResult> results = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            results.add(result(parts.get(i), model, searches.get(i), Duration.ofNanos(nanos[i]), budget,
                    firstViolated));
        }
        return new LinearizabilityResult(LinearizabilityResult.combine(results),
                Duration.ofNanos(System.nanoTime() - start), budget, results);
    }

    private static <S, I, O> SubHistoryResult result(SubHistory<I, O> part, Model<S, I, O> model,
                                                     Search<S, I, O> search, Duration elapsed, Duration budget,
                                                     String firstViolated) {
        int operations = search.operationCount();
        int configurations = search.configurations();
        String name = part.name();
        return switch (search.status()) {
            case LINEARIZABLE -> new SubHistoryResult(name, Verdict.LINEARIZABLE,
                    name + ": linearizable (" + operations + " operations).", operations, elapsed, configurations,
                    Optional.empty());
            case NOT_LINEARIZABLE -> {
                Violation violation = explain(part, model, search);
                yield new SubHistoryResult(name, Verdict.NOT_LINEARIZABLE, violation.summary(), operations, elapsed,
                        configurations, Optional.of(violation));
            }
            case RUNNING -> new SubHistoryResult(name, Verdict.UNKNOWN, name + ": not checked to the end, since "
                    + firstViolated + " was already found not linearizable.", operations, elapsed, configurations,
                    Optional.empty());
            case OUT_OF_TIME -> new SubHistoryResult(name, Verdict.UNKNOWN, name + ": undecided when the budget of "
                    + budget.toMillis() + " ms ran out, after exploring " + configurations + " configurations.",
                    operations, elapsed, configurations, Optional.empty());
            case OUT_OF_MEMORY -> new SubHistoryResult(name, Verdict.UNKNOWN, name + ": undecided after exploring "
                    + configurations + " configurations, which filled the memory the checker may use.",
                    operations, elapsed, configurations, Optional.empty());
        };
    }

    private static <S, I, O> Violation explain(SubHistory<I, O> part, Model<S, I, O> model, Search<S, I, O> search) {
        List<Operation<I, O>> operations = part.history().operations();
        List<Operation<?, ?>> prefix = pick(operations, search.longestPrefix());
        List<Operation<?, ?>> candidates = pick(operations, search.stuckCandidates());
        Operation<I, O> stuck = operations.get(search.stuck());
        S state = search.stateAfterLongest();
        String value = model.describeState(state);

        boolean contradicts = stuck.outcome() instanceof Outcome.Returned<O> returned
                && !model.permits(state, stuck.input(), returned.value());
        String summary;
        if (candidates.size() == 1) {
            summary = part.name() + ": " + describe(model, stuck) + ", but the latest consistent value was " + value
                    + " and no other operation overlaps it.";
        } else if (contradicts) {
            summary = part.name() + ": " + describe(model, stuck) + " but no order of the " + candidates.size()
                    + " overlapping operations produces it; the latest consistent value was " + value + ".";
        } else {
            summary = part.name() + ": no order of the " + candidates.size() + " overlapping operations lets "
                    + describe(model, stuck) + " take effect in time; the latest consistent value was " + value + ".";
        }

        StringBuilder text = new StringBuilder(summary).append('\n');
        if (prefix.isEmpty()) {
            text.append("No operation in ").append(part.name()).append(" can be placed first.\n");
        } else {
            text.append("The longest linearizable prefix places ").append(prefix.size()).append(" of the ")
                    .append(operations.size()).append(" operations in ").append(part.name())
                    .append(prefix.size() > PREFIX_SHOWN ? "; it ends with:\n" : ":\n");
            table(text, model, prefix.subList(Math.max(0, prefix.size() - PREFIX_SHOWN), prefix.size()));
        }
        text.append("None of these overlapping operations can come next:\n");
        table(text, model, candidates);
        return new Violation(part.name(), prefix, value, stuck, candidates, summary, text.toString().stripTrailing());
    }

    private static <I, O> List<Operation<?, ?>> pick(List<Operation<I, O>> operations, int[] indices) {
        List<Operation<?, ?>> picked = new ArrayList<>(indices.length);
        Arrays.stream(indices).forEach(i -> picked.add(operations.get(i)));
        return picked;
    }

    @SuppressWarnings("unchecked")
    private static <S, I, O> String describe(Model<S, I, O> model, Operation<?, ?> operation) {
        Operation<I, O> op = (Operation<I, O>) operation;
        return op.outcome() instanceof Outcome.Returned<O> returned
                ? model.describe(op.input(), returned.value())
                : model.describeCall(op.input()) + " (no reply)";
    }

    private static <S, I, O> void table(StringBuilder text, Model<S, I, O> model, List<Operation<?, ?>> rows) {
        List<String> described = rows.stream().map(op -> describe(model, op)).toList();
        int width = described.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < rows.size(); i++) {
            Operation<?, ?> op = rows.get(i);
            String returned = op.isUnknown() ? "never returned" : "returned " + op.returnTime();
            text.append(String.format("  client %-3d %-" + width + "s  called %d, %s\n",
                    op.client(), described.get(i), op.callTime(), returned));
        }
    }
}
