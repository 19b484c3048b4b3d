package faultline.framework.trace;

/**
 * One thing that happened in a run.
 *
 * @param time      milliseconds since the run started
 * @param kind      what happened
 * @param node      the node it happened at (the sender of a message, the owner of a timer)
 * @param peer      the other end of a message, or "" when there is none
 * @param messageId pairs a send with its deliveries, duplicates and drops; 0 when not a message
 * @param detail    the message, timer, fault or command, as it prints itself
 */
public record TraceEvent(long time, Kind kind, String node, String peer, long messageId, String detail) {

    public enum Kind {
        SEND, DELIVER, DROP, DUPLICATE, TIMER_SET, TIMER_FIRE, CRASH, RESTART, FAULT, INVOKE, RETURN, NOTE, ERROR
    }

    /** The event as one line of text: the form the trace digest is computed over. */
    public String line() {
        return time + " " + kind + " " + node + " " + peer + " " + messageId + " " + detail;
    }
}
