package faultline.testkit.history;

import java.util.Objects;

/**
 * One client operation as the client saw it: what it asked, what came back, and when it called and returned.
 *
 * <p>Times are any monotone stamps (virtual event counters in the simulator, {@code nanoTime} in the live
 * runtime); only their order matters. An operation whose outcome is unknown is treated as returning at the
 * very end of the history ({@link #NEVER}), which lets it take effect at any time after its call, or never.
 *
 * @param client     which client issued it (a client has at most one operation in flight)
 * @param input      what the client asked for
 * @param outcome    what came back, or {@link Outcome.Unknown} when nothing did
 * @param callTime   when the client called
 * @param returnTime when the client saw the reply; {@link #NEVER} when the outcome is unknown
 * @param <I>        the input type
 * @param <O>        the output type
 */
public record Operation<I, O>(int client, I input, Outcome<O> outcome, long callTime, long returnTime) {

    /** The return time of an operation whose outcome is unknown: after everything else in any history. */
    public static final long NEVER = Long.MAX_VALUE;

    public Operation {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome.isUnknown() != (returnTime == NEVER)) {
            throw new IllegalArgumentException("An operation has return time NEVER exactly when its outcome is"
                    + " unknown; use Operation.unknown(...) for an operation that never returned.");
        }
        if (returnTime < callTime) {
            throw new IllegalArgumentException("Client " + client + "'s operation " + input + " returned at "
                    + returnTime + ", before it was called at " + callTime + "; times must be monotone.");
        }
    }

    /** An operation that returned {@code output} at {@code returnTime}. */
    public static <I, O> Operation<I, O> returned(int client, I input, O output, long callTime, long returnTime) {
        return new Operation<>(client, input, Outcome.returned(output), callTime, returnTime);
    }

    /** An operation whose client never saw a reply. */
    public static <I, O> Operation<I, O> unknown(int client, I input, long callTime) {
        return new Operation<>(client, input, Outcome.unknown(), callTime, NEVER);
    }

    public boolean isUnknown() {
        return outcome.isUnknown();
    }
}
