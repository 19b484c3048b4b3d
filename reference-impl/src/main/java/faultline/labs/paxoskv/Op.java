package faultline.labs.paxoskv;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import java.io.Serializable;

// SOLUTION BEGIN
/** One entry of the replicated log: client {@code clientId}'s request {@code sequence}. */
record Op(long clientId, long sequence, Command command) implements Serializable {
}

/** The entry a server proposes to fill a hole in its log: it changes nothing. */
enum NoOp implements Serializable {
    VALUE
}

/** The latest request applied for one client: its sequence number and the answer it got. */
record Applied(long sequence, Result result) implements Serializable {
}

/** A request this server proposed for {@code instance}, with where to send its answer. */
record Pending(Request request, Address client, int instance) implements Serializable {
}
// SOLUTION END
