package faultline.testkit.lincheck.formats;

import faultline.testkit.history.History;
import faultline.testkit.history.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs the call and return events of a log into operations, where each process has at most one operation in
 * flight. Times are the events' line numbers, so a report points into the file.
 */
final class OpenOperations<I, O> {

    /** How an operation's slot ends up: still open (unknown), returned, or left out. */
    private enum End { OPEN, RETURNED, DISCARDED }

    private record Call<I>(int index, int process, I input, long line) {
    }

    private final String source;
    private final Map<Integer, Call<I>> open = new HashMap<>();
    private final List<Call<I>> calls = new ArrayList<>();
    private final List<End> ends = new ArrayList<>();
    private final Map<Integer, Operation<I, O>> returned = new HashMap<>();

    OpenOperations(String source) {
        this.source = source;
    }

    void call(int process, I input, long line) {
        if (open.containsKey(process)) {
            throw new LogFormatException(source + ":" + line + ": process " + process + " starts an operation while"
                    + " its operation from line " + open.get(process).line() + " is still open; a process may have"
                    + " only one operation in flight.");
        }
        Call<I> call = new Call<>(calls.size(), process, input, line);
        open.put(process, call);
        calls.add(call);
        ends.add(End.OPEN);
    }

    /** The process's open operation returned {@code output}. */
    void complete(int process, O output, long line) {
        Call<I> call = take(process, line);
        ends.set(call.index(), End.RETURNED);
        returned.put(call.index(), Operation.returned(process, call.input(), output, call.line(), line));
    }

    /** The process gave up waiting: the operation may or may not have taken effect. */
    void abandon(int process, long line) {
        take(process, line);
    }

    /** The operation definitely did not take effect, so it is left out of the history. */
    void discard(int process, long line) {
        ends.set(take(process, line).index(), End.DISCARDED);
    }

    /** The input of the process's open operation, which a return line refers to. */
    I openInput(int process, long line) {
        Call<I> call = open.get(process);
        if (call == null) {
            throw new LogFormatException(source + ":" + line + ": process " + process + " returns but has no open"
                    + " operation; every return needs an earlier invoke by the same process.");
        }
        return call.input();
    }

    private Call<I> take(int process, long line) {
        openInput(process, line);
        return open.remove(process);
    }

    /** The history in call order, with every operation that never returned marked unknown. */
    History<I, O> history() {
        List<Operation<I, O>> operations = new ArrayList<>(calls.size());
        for (Call<I> call : calls) {
            switch (ends.get(call.index())) {
                case OPEN -> operations.add(Operation.unknown(call.process(), call.input(), call.line()));
                case RETURNED -> operations.add(returned.get(call.index()));
                case DISCARDED -> { }
            }
        }
        return History.of(operations);
    }
}
