package faultline.framework.live;

import faultline.framework.cluster.RunSeeds;
import faultline.framework.Address;
import faultline.framework.fault.Delay;
import faultline.framework.fault.Fault;
import faultline.framework.network.NetworkConditions;
import faultline.framework.trace.TraceEvent.Kind;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The network's faults, in front of a real transport: each frame's fate (deliver, duplicate, lose,
 * unreachable) and delay come from the same {@link NetworkConditions} the simulator uses, drawn from
 * a random source seeded like the simulator's. Frames are counted and traced exactly as the simulator
 * does; delayed copies wait on the cluster's clock thread. A copy already in the network when its
 * sender crashes still arrives, as in the simulator: the crash takes the node, not the wire.
 */
final class FaultyTransport implements Transport {

    private final Transport wire;
    private final Ledger ledger;
    private final ScheduledExecutorService clock;
    private final Predicate<Address> known;
    // Both guarded by conditions' monitor: NetworkConditions is not thread-safe, and the random draws
    // must happen in the same order as the fates they decide.
    private final NetworkConditions conditions;
    private final SplittableRandom random;

    FaultyTransport(Transport wire, Ledger ledger, ScheduledExecutorService clock, Predicate<Address> known,
                    Delay defaultDelay, long seed) {
        this.wire = wire;
        this.ledger = ledger;
        this.clock = clock;
        this.known = known;
        this.conditions = new NetworkConditions(defaultDelay);
        this.random = new SplittableRandom(RunSeeds.network(seed));
    }

    /** Applies a network fault (loss, duplication, delay, partition, cut, isolation, deafness, heal). */
    void apply(Fault fault) {
        synchronized (conditions) {
            conditions.apply(fault);
        }
    }

    @Override
    public void open(Address node, Receiver receiver) {
        wire.open(node, receiver);
    }

    @Override
    public void shut(Address node) {
        wire.shut(node);
    }

    @Override
    public boolean send(Frame frame) {
        ledger.sent.incrementAndGet();
        Address from = frame.from().root();
        Address to = frame.to().root();
        NetworkConditions.Fate fate;
        long firstDelay = 0;
        long secondDelay = 0;
        synchronized (conditions) {
            fate = conditions.fate(from, to, random);
            if (fate == NetworkConditions.Fate.DELIVER || fate == NetworkConditions.Fate.DUPLICATE) {
                firstDelay = conditions.delay(from, to, random);
            }
            if (fate == NetworkConditions.Fate.DUPLICATE) {
                secondDelay = conditions.delay(from, to, random);
            }
        }
        ledger.record(Kind.SEND, frame.from(), frame.to(), frame.id(), frame.message());
        switch (fate) {
            case UNREACHABLE -> {
                ledger.unreachable.incrementAndGet();
                ledger.record(Kind.DROP, frame.from(), frame.to(), frame.id(), "unreachable");
                return false;
            }
            case LOST -> {
                ledger.lost.incrementAndGet();
                ledger.record(Kind.DROP, frame.from(), frame.to(), frame.id(), "lost");
                return false;
            }
            case DUPLICATE -> {
                ledger.duplicated.incrementAndGet();
                ledger.record(Kind.DUPLICATE, frame.from(), frame.to(), frame.id(), "duplicated");
                carry(frame, firstDelay);
                carry(frame, secondDelay);
                return true;
            }
            case DELIVER -> {
                carry(frame, firstDelay);
                return true;
            }
            default -> throw new IllegalStateException("Unknown fate " + fate);
        }
    }

    /** Hands one copy to the wire now, or after {@code delayMillis} on the clock thread. */
    private void carry(Frame frame, long delayMillis) {
        if (delayMillis <= 0) {
            handOver(frame);
            return;
        }
        try {
            clock.schedule(() -> handOver(frame), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // The cluster is closing: a message still in the network simply never arrives.
        }
    }

    private void handOver(Frame frame) {
        if (!wire.send(frame)) {
            ledger.toCrashed.incrementAndGet();
            ledger.record(Kind.DROP, frame.to(), frame.from(), frame.id(),
                    (known.test(frame.to().root()) ? "receiver is down: " : "no such node: ") + frame.message());
        }
    }

    @Override
    public void close() {
        wire.close();
    }
}
