package faultline.labs.pbkv;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Message;
import faultline.framework.Result;
import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A clerk's command to the primary. {@code clientId} and {@code sequence} name it uniquely, so that a
 * retry of a Put or Append already carried out is recognised and answered without doing it again.
 */
record Request(long clientId, long sequence, Command command) implements Message {
}

/** The primary's answer to request {@code sequence}. */
record Reply(long sequence, Result result) implements Message {
}

/** "I am not the primary you think I am": the clerk should ask the view service again. */
record WrongServer(long sequence) implements Message {
}

/**
 * The primary hands a request to its backup in view {@code viewNumber} and answers the client only
 * once the backup has acknowledged it. {@code forwardId} tells the acknowledgement of this forward
 * from those of earlier ones.
 */
record Forward(int viewNumber, long forwardId, Request request) implements Message {
}

/** The backup has applied forward {@code forwardId} of view {@code viewNumber}. */
record ForwardOk(int viewNumber, long forwardId) implements Message {
}

/**
 * The backup refuses a forward: it is not the backup of that view with its state in hand.
 * {@code viewNumber} is the backup's own view, which tells a primary whose view is out of date.
 */
record ForwardRefused(int viewNumber, long forwardId) implements Message {
}

/**
 * The primary's whole state, sent to the backup of {@code view}: the key/value store and the table of
 * requests already carried out, without which a retry could take effect twice after a fail-over.
 */
record Transfer(View view, SortedMap<String, String> store, SortedMap<Long, Applied> applied) implements Message {
    Transfer {
        store = Collections.unmodifiableSortedMap(new TreeMap<>(store));
        applied = Collections.unmodifiableSortedMap(new TreeMap<>(applied));
    }

    @Override
    public String toString() {
        // The whole store would flood the trace; its size says enough.
        return "Transfer[" + view + ", " + store.size() + " keys, " + applied.size() + " clients]";
    }
}

/** The backup holds the state of view {@code viewNumber}. */
record TransferOk(int viewNumber) implements Message {
}

/** The latest Put or Append carried out for one client: its sequence number and the answer it got. */
record Applied(long sequence, Result result) implements Serializable {
}

/** A request waiting at the primary, with where to send its answer. */
record Waiting(Request request, Address client) implements Serializable {
}
