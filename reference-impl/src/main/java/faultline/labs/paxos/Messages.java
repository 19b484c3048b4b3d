package faultline.labs.paxos;

import faultline.framework.Message;
import java.io.Serializable;

// SOLUTION BEGIN
/*
 * Every message carries the sender's done value, so that done values spread with ordinary traffic.
 */

/** What an acceptor answers to a {@link Prepare}. */
sealed interface PrepareReply extends Message permits Promise, Reject, Decided {
}

/** What an acceptor answers to an {@link Accept}. */
sealed interface AcceptReply extends Message permits Accepted, Reject, Decided {
}

/** Phase 1: "promise to accept nothing numbered below {@code number} for {@code instance}". */
record Prepare(int instance, long number, int done) implements Message {
}

/**
 * The acceptor's promise for proposal {@code number}, with the highest-numbered proposal it has
 * accepted for the instance ({@code acceptedNumber} -1 and {@link Nothing#VALUE}: none).
 */
record Promise(int instance, long number, long acceptedNumber, Serializable acceptedValue, int done)
        implements PrepareReply {
}

/** Phase 2: "accept {@code value} as proposal {@code number} for {@code instance}". */
record Accept(int instance, long number, Serializable value, int done) implements Message {
}

/** The acceptor accepted proposal {@code number}. */
record Accepted(int instance, long number, int done) implements AcceptReply {
}

/** The acceptor turned proposal {@code number} down: it has promised {@code promised}. */
record Reject(int instance, long number, long promised, int done) implements PrepareReply, AcceptReply {
}

/** {@code instance} is decided on {@code value}: to learners, and as an acceptor's answer when it knows. */
record Decided(int instance, Serializable value, int done) implements PrepareReply, AcceptReply {
}

/** The sender's done value, repeated until acknowledged so that min() can rise without other traffic. */
record DoneNotice(int done) implements Message {
}

/** The receiver knows the sender's done value is at least {@code acknowledged}; its own is {@code done}. */
record DoneAck(int acknowledged, int done) implements Message {
}

/** Stands for "no value accepted yet" in a {@link Promise}, where a null would do harm. */
enum Nothing implements Serializable {
    VALUE
}
// SOLUTION END
