package faultline.framework.live;

import faultline.framework.cluster.RunSeeds;
import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Message;
import faultline.framework.Node;
import faultline.framework.NodeContext;
import faultline.framework.Result;
import faultline.framework.Timer;
import faultline.framework.cluster.ClientListener;
import faultline.framework.cluster.NodeFailure;
import faultline.framework.cluster.NodeRandom;
import faultline.framework.trace.TraceEvent.Kind;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * One address of a live cluster and the event loop its node runs on: a single thread that runs the
 * node's handlers one at a time and fires its timers in real time.
 *
 * <p>Crashes come from other threads, so every task carries the epoch it belongs to: the epoch
 * changes on every boot, crash and failure, and a task from an older epoch is dropped when its turn
 * comes. That is how a crash drops the messages already queued for the node and the timers it set,
 * without stopping the loop itself.
 */
final class Host implements NodeContext, Transport.Receiver {

    private final LiveCluster cluster;
    private final Ledger ledger;
    private final Address address;
    private final Function<Address, ? extends Node> factory;
    private final ScheduledThreadPoolExecutor loop;
    private final Set<PendingTimer> timers = ConcurrentHashMap.newKeySet();

    /** Written under this host's monitor, read by every task when its turn comes. */
    private volatile int epoch;
    // Guarded by this host's monitor.
    private int boots;
    private boolean up;

    // Confined to the loop thread.
    private Node node;
    private int nodeEpoch;
    private RandomGenerator random;
    private Pending pending;

    Host(LiveCluster cluster, Ledger ledger, ThreadRoster threads, Address address,
         Function<Address, ? extends Node> factory) {
        this.cluster = cluster;
        this.ledger = ledger;
        this.address = address;
        this.factory = factory;
        this.loop = new ScheduledThreadPoolExecutor(1, threads.factory(address.name()));
        this.loop.setRemoveOnCancelPolicy(true);
        this.loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    Address address() {
        return address;
    }

    // ---- life and death, called from any thread ----

    /** Starts a fresh instance from the factory: a new incarnation with its own random source. */
    synchronized void boot() {
        boots++;
        epoch++;
        up = true;
        int bootEpoch = epoch;
        int incarnation = boots;
        if (incarnation > 1) {
            ledger.record(Kind.RESTART, address, null, 0, "incarnation " + incarnation);
        }
        // Queued before the transport opens, so the new instance exists before its first message.
        post(() -> start(bootEpoch, incarnation));
        cluster.network().open(address, this);
    }

    /** Stops the node: its state, its timers and every message still queued for it are lost. */
    synchronized void crash() {
        stop();
        ledger.record(Kind.CRASH, address, null, 0, "state lost");
    }

    /** Crashes the node if it runs, then boots a fresh instance. */
    synchronized void restart() {
        if (up) {
            crash();
        }
        boot();
    }

    private synchronized void stop() {
        up = false;
        epoch++;
        timers.removeIf(PendingTimer::cancel);
        cluster.network().shut(address);
        int stoppedEpoch = epoch;
        post(() -> {
            if (epoch == stoppedEpoch) {
                node = null;
                pending = null;
            }
        });
    }

    /** Ends the loop for good: the cluster is closing. */
    void close() {
        loop.shutdownNow();
    }

    void awaitClosed(long millis) throws InterruptedException {
        loop.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    // ---- work that arrives from other threads ----

    @Override
    public void receive(Frame frame) {
        int arrivedIn = epoch;
        post(() -> deliver(arrivedIn, frame));
    }

    void invoke(Command command, ClientListener listener) {
        int invokedIn = epoch;
        post(() -> startCommand(invokedIn, command, listener));
    }

    /** Runs {@code reading} on the node's loop, between handlers; empty while the node is down. */
    <T> Optional<T> inspect(Function<? super Node, T> reading, long patienceMillis) {
        CompletableFuture<Optional<T>> answer = new CompletableFuture<>();
        int askedIn = epoch;
        post(() -> {
            try {
                answer.complete(running(askedIn) ? Optional.ofNullable(reading.apply(node)) : Optional.empty());
            } catch (RuntimeException | Error e) {
                // The reading is lab code (a getter the student has not written yet, say): its exception is the
                // answer, at once, not a wait that ends in a timeout with the cause lost.
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get(patienceMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while inspecting " + address, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException thrown) {
                throw thrown;
            }
            if (e.getCause() instanceof Error thrown) {
                throw thrown;
            }
            throw new IllegalStateException("Inspecting " + address + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Inspecting " + address + " took longer than " + patienceMillis
                    + "ms: its handler may be stuck, or the cluster is closed.", e);
        }
    }

    // ---- on the loop thread ----

    private void start(int bootEpoch, int incarnation) {
        if (epoch != bootEpoch) {
            return; // crashed again before it could start
        }
        random = new NodeRandom(RunSeeds.node(cluster.seed(), address, incarnation));
        pending = null;
        node = null;
        nodeEpoch = bootEpoch;
        try {
            Node fresh = factory.apply(address);
            if (!fresh.address().equals(address)) {
                cluster.report(new IllegalArgumentException("The factory for " + address + " made a node at "
                        + fresh.address() + "; make it build the node at the address it is given."));
                halt();
                return;
            }
            node = fresh;
            fresh.start(this);
        } catch (RuntimeException | Error e) {
            fail(e, "starting");
        }
    }

    private void deliver(int arrivedIn, Frame frame) {
        ledger.events.incrementAndGet();
        if (!running(arrivedIn)) {
            ledger.toCrashed.incrementAndGet();
            ledger.record(Kind.DROP, frame.to(), frame.from(), frame.id(), "receiver is down: " + frame.message());
            return;
        }
        ledger.delivered.incrementAndGet();
        ledger.record(Kind.DELIVER, frame.to(), frame.from(), frame.id(), frame.message());
        try {
            node.deliver(frame.to(), frame.message(), frame.from());
        } catch (RuntimeException | Error e) {
            fail(e, "handling " + frame.message() + " from " + frame.from());
            return;
        }
        collectResult();
    }

    private void fire(PendingTimer fired) {
        ledger.events.incrementAndGet();
        if (!running(fired.epoch)) {
            return; // set by an instance that has since crashed
        }
        ledger.timers.incrementAndGet();
        ledger.record(Kind.TIMER_FIRE, fired.owner, null, 0, fired.timer);
        try {
            node.fire(fired.owner, fired.timer);
        } catch (RuntimeException | Error e) {
            fail(e, "handling timer " + fired.timer);
            return;
        }
        collectResult();
    }

    private void startCommand(int invokedIn, Command command, ClientListener listener) {
        ledger.events.incrementAndGet();
        if (!running(invokedIn)) {
            return; // a crashed client carries nothing, as in the simulator
        }
        if (!(node instanceof Client client)) {
            cluster.report(new IllegalArgumentException(node + " is not a Client and cannot carry commands"));
            return;
        }
        if (pending != null) {
            cluster.report(new IllegalStateException("Client " + address + " already carries " + pending.command
                    + "; wait for its result before the next command"));
            return;
        }
        pending = new Pending(command, listener, cluster.stamp());
        ledger.record(Kind.INVOKE, address, null, 0, command);
        try {
            client.sendCommand(command);
        } catch (RuntimeException | Error e) {
            fail(e, "starting command " + command);
            return;
        }
        collectResult();
    }

    private void collectResult() {
        if (pending != null && node instanceof Client client && client.hasResult()) {
            Pending done = pending;
            pending = null;
            Result result = client.takeResult();
            long returnedAt = cluster.stamp();
            ledger.record(Kind.RETURN, address, null, 0, result);
            try {
                done.listener.returned(address, done.command, result, done.invokedAt, returnedAt);
            } catch (RuntimeException | Error e) {
                cluster.report(new IllegalStateException("The listener of " + address + "'s command " + done.command
                        + " threw " + e, e));
            }
        }
    }

    private boolean running(int taskEpoch) {
        return taskEpoch == epoch && nodeEpoch == taskEpoch && node != null;
    }

    /** A handler threw: trace it, stop the node so nothing else runs on a broken state, and tell the test. */
    private void fail(Throwable cause, String doing) {
        String message = address + " (" + (node == null ? "crashed" : node.getClass().getSimpleName()) + ") threw "
                + cause + " while " + doing + " at " + ledger.now() + "ms (seed " + cluster.seed() + ")";
        ledger.record(Kind.ERROR, address, null, 0, message);
        halt();
        cluster.report(new NodeFailure(message, cause));
    }

    private void halt() {
        stop();
        node = null;
        pending = null;
    }

    /** Queues work on the loop; every task's unexpected failure reaches the test instead of vanishing in the executor. */
    private void post(Runnable task) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    cluster.report(new IllegalStateException("The live runtime failed on " + address + "'s loop: " + e, e));
                }
            });
        } catch (RejectedExecutionException closing) {
            // The cluster is closing: work that arrives now is dropped, as it would be at a crashed node.
        }
    }

    // ---- what the node sees: NodeContext, called from its handlers on the loop ----

    @Override
    public void send(Address from, Address to, Message message) {
        cluster.network().send(new Frame(from, to, ledger.nextMessageId(), message));
    }

    @Override
    public void setTimer(Address owner, Timer timer, long delayMillis) {
        ledger.record(Kind.TIMER_SET, owner, null, 0, timer + " in " + delayMillis + "ms");
        PendingTimer pendingTimer = new PendingTimer(owner, timer, nodeEpoch);
        timers.add(pendingTimer);
        try {
            pendingTimer.future = loop.schedule(pendingTimer, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            timers.remove(pendingTimer);
        }
    }

    @Override
    public long now() {
        return ledger.now();
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public void note(Address who, String text) {
        ledger.record(Kind.NOTE, who, null, 0, text);
    }

    /** A command a client carries, with who is waiting for it. */
    private record Pending(Command command, ClientListener listener, long invokedAt) {
    }

    /** A timer waiting on the loop; a crash cancels it. */
    private final class PendingTimer implements Runnable {
        final Address owner;
        final Timer timer;
        final int epoch;
        volatile ScheduledFuture<?> future;

        PendingTimer(Address owner, Timer timer, int epoch) {
            this.owner = owner;
            this.timer = timer;
            this.epoch = epoch;
        }

        @Override
        public void run() {
            timers.remove(this);
            try {
                fire(this);
            } catch (RuntimeException | Error e) {
                cluster.report(new IllegalStateException("The live runtime failed on " + address + "'s loop: " + e, e));
            }
        }

        /** Cancels the timer; true so the crash can drop it from the pending set either way. */
        boolean cancel() {
            ScheduledFuture<?> scheduled = future;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            return true;
        }
    }
}
