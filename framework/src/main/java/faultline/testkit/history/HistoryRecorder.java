package faultline.testkit.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Records a history as a workload runs: call {@link #invoke} when a client sends an operation and
 * {@link #complete} when its reply arrives. Safe to use from several client threads at once.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public final class HistoryRecorder<I, O> {

    /** A handle on an operation that has been called; hand it back to {@link #complete}. */
    public record Invocation(int index) {
    }

    private record Pending<I>(int client, I input, long callTime) {
    }

    private final List<Pending<I>> calls = new ArrayList<>();
    private final List<Operation<I, O>> finished = new ArrayList<>();

    /** Notes that {@code client} called with {@code input} at {@code time}. */
    public synchronized Invocation invoke(int client, I input, long time) {
        calls.add(new Pending<>(client, input, time));
        finished.add(null);
        return new Invocation(calls.size() - 1);
    }

    /** Notes that the operation behind {@code invocation} returned {@code output} at {@code time}. */
    public synchronized void complete(Invocation invocation, O output, long time) {
        int index = invocation.index();
        if (index < 0 || index >= calls.size()) {
            throw new IllegalArgumentException("Invocation " + index + " was not made on this recorder; complete an"
                    + " operation on the recorder that invoked it.");
        }
        if (finished.get(index) != null) {
            throw new IllegalStateException("Client " + calls.get(index).client() + "'s operation "
                    + calls.get(index).input() + " was completed twice; complete each invocation once.");
        }
        Pending<I> call = calls.get(index);
        finished.set(index, Operation.returned(call.client(), call.input(), output, call.callTime(), time));
    }

    /**
     * The history so far, in call order. Operations still waiting for a reply are marked unknown: they may have
     * taken effect, or not.
     */
    public synchronized History<I, O> history() {
        List<Operation<I, O>> operations = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            Operation<I, O> done = finished.get(i);
            Pending<I> call = calls.get(i);
            operations.add(done != null ? done : Operation.unknown(call.client(), call.input(), call.callTime()));
        }
        return new History<>(operations);
    }
}
