package faultline.framework.live;

import faultline.framework.Address;
import faultline.framework.cluster.NetworkStats;
import faultline.framework.trace.Trace;
import faultline.framework.trace.TraceEvent;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a live run did, written from many threads: the trace (whose calls are serialised on the
 * {@link Trace} object itself, so a reader can lock it too), the network's counts, the run's clock and
 * the stamps and message ids that must be unique across threads.
 */
final class Ledger {

    private final Trace trace;
    private final boolean tracing;
    private final long startNanos = System.nanoTime();
    private final AtomicLong lastStamp = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong messageIds = new AtomicLong();

    final AtomicLong sent = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    final AtomicLong unreachable = new AtomicLong();
    final AtomicLong duplicated = new AtomicLong();
    final AtomicLong toCrashed = new AtomicLong();
    final AtomicLong timers = new AtomicLong();
    final AtomicLong events = new AtomicLong();

    Ledger(Trace trace) {
        this.trace = trace;
        this.tracing = trace.enabled();
    }

    Trace trace() {
        return trace;
    }

    /** Real milliseconds since the cluster started. */
    long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** A nanoTime-based stamp, bumped past the last one handed out so stamps strictly increase across threads. */
    long stamp() {
        long now = System.nanoTime();
        return lastStamp.accumulateAndGet(now, (last, candidate) -> Math.max(last + 1, candidate));
    }

    long nextMessageId() {
        return messageIds.incrementAndGet();
    }

    /** Records one event; {@code detail} is turned into text only when tracing is on. */
    void record(TraceEvent.Kind kind, Address node, Address peer, long messageId, Object detail) {
        if (!tracing) {
            return;
        }
        String text = String.valueOf(detail);
        synchronized (trace) {
            // The time is read under the lock so that the kept events' times never go backwards.
            trace.record(new TraceEvent(now(), kind, node == null ? "" : node.name(),
                    peer == null ? "" : peer.name(), messageId, text));
        }
    }

    NetworkStats stats() {
        return new NetworkStats(sent.get(), delivered.get(), lost.get(), unreachable.get(), duplicated.get(),
                toCrashed.get(), timers.get(), events.get());
    }
}
