package faultline.testkit.history;

/**
 * How an operation ended from its client's point of view: it returned a value, or the client never learned
 * (no reply, a timeout, the run ended first).
 *
 * @param <O> the operation's output type
 */
public sealed interface Outcome<O> {

    /** The operation returned {@code value} to its client. */
    record Returned<O>(O value) implements Outcome<O> {
        public Returned {
            java.util.Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The client never saw a reply. The operation may have taken effect at any time after its call, or never.
     */
    record Unknown<O>() implements Outcome<O> {
    }

    static <O> Outcome<O> returned(O value) {
        return new Returned<>(value);
    }

    static <O> Outcome<O> unknown() {
        return new Unknown<>();
    }

    default boolean isUnknown() {
        return this instanceof Unknown;
    }
}
