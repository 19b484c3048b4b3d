package faultline.framework.live;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.cluster.ClientListener;
import faultline.framework.cluster.Cluster;
import faultline.framework.cluster.NetworkStats;
import faultline.framework.fault.Delay;
import faultline.framework.fault.Fault;
import faultline.framework.fault.Scenario;
import faultline.framework.trace.Trace;
import faultline.framework.trace.TraceEvent.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The live runtime: every node on its own event-loop thread, in real time, its messages carried by a
 * real transport (in-memory queues, or TCP on loopback) through the same fault injection as the
 * simulator. It behaves like {@link faultline.framework.sim.Simulation} at the {@link Cluster} level:
 * the same trace events, counts, crash and restart semantics and client result collection; only
 * time is real, so runs are not replayable event for event.
 *
 * <p>Threads: a client's listener is called on that client's loop thread. The trace is written from
 * many threads under the {@link Trace} object's own monitor: read it after {@link #close()}, or inside
 * {@code synchronized (cluster.trace()) { ... }} while the run goes on. A handler that throws stops
 * its node, leaves an ERROR event, and the {@link faultline.framework.cluster.NodeFailure} is thrown
 * by the next {@link #runFor}, {@link #runUntil} or {@link #close}, once.
 *
 * <pre>{@code
 * try (LiveCluster cluster = LiveCluster.overTcp(seed)) {
 *     cluster.add(server, Server::new);
 *     cluster.add(client, a -> new Clerk(a, server));
 *     cluster.apply(Scenario.named("lossy").at(0).drop(0.3).build());
 *     cluster.invoke(client, new Get("k"), (who, command, result, invokedAt, returnedAt) -> results.add(result));
 *     cluster.runUntil(() -> results.size() == 1, 2_000);
 * }
 * }</pre>
 */
public final class LiveCluster implements Cluster {

    /**
     * Extra time a message spends in the network when no delay rule applies: none, since the live
     * transport has real latency of its own; a scenario's delay rules add to it.
     */
    public static final Delay DEFAULT_DELAY = Delay.between(0, 0);

    private static final int TRACE_CAPACITY = 20_000;
    private static final long POLL_MILLIS = 2;
    private static final long INSPECT_PATIENCE_MILLIS = 2_000;
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(5);

    private final long seed;
    private final Ledger ledger;
    private final ThreadRoster threads;
    private final ScheduledThreadPoolExecutor clock;
    private final FaultyTransport network;
    private final TcpTransport tcp;
    private final Map<Address, Host> hosts = new ConcurrentHashMap<>();
    private final List<Scenario> scenarios = new CopyOnWriteArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicBoolean failureThrown = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object failureSignal = new Object();
    /** Steps applied before the cluster first ran, waiting for it to run; guarded by itself. */
    private final List<Scenario.Step> heldSteps = new ArrayList<>();
    private boolean timelineStarted;

    private LiveCluster(long seed, boolean overTcp) {
        this.seed = seed;
        this.ledger = new Ledger(Trace.bounded(TRACE_CAPACITY));
        this.threads = new ThreadRoster(Integer.toHexString(System.identityHashCode(this)));
        this.clock = new ScheduledThreadPoolExecutor(1, threads.factory("clock"));
        this.clock.setRemoveOnCancelPolicy(true);
        this.clock.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ClassLoader classes = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(LiveCluster.class.getClassLoader());
        this.tcp = overTcp ? new TcpTransport(threads, classes, this::report) : null;
        Transport wire = overTcp ? tcp : new InMemoryTransport();
        this.network = new FaultyTransport(wire, ledger, clock, hosts::containsKey, DEFAULT_DELAY, seed);
    }

    /** A live cluster whose messages go through in-memory queues between the nodes' event loops. */
    public static LiveCluster inMemory(long seed) {
        return new LiveCluster(seed, false);
    }

    /**
     * A live cluster whose messages go over TCP on loopback: each node listens on its own ephemeral
     * port, and message classes are loaded through the calling thread's context class loader.
     */
    public static LiveCluster overTcp(long seed) {
        return new LiveCluster(seed, true);
    }

    // ---- the cluster ----

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public void add(Address address, Function<Address, ? extends Node> factory) {
        requireOpen();
        if (address.isComponent()) {
            throw new IllegalArgumentException("Add the host node, not its component " + address);
        }
        Host host = new Host(this, ledger, threads, address, factory);
        if (hosts.putIfAbsent(address, host) != null) {
            throw new IllegalArgumentException("There is already a node at " + address);
        }
        host.boot();
    }

    /**
     * Reads the state of the node at {@code address} on its own loop thread, between handlers, so the
     * reading sees a consistent state; empty while the node is down.
     */
    @Override
    public <T> Optional<T> inspect(Address address, Function<? super Node, T> reading) {
        requireOpen();
        return host(address).inspect(reading, INSPECT_PATIENCE_MILLIS);
    }

    /**
     * Steps at 0ms take effect before this returns; later ones on the cluster's clock, in real time, counted from
     * when the cluster first runs ({@link #runFor}, {@link #runUntil}) if it has not yet. As in the simulator, where
     * no time passes before the run, a slow set-up (nodes still being added, a loaded machine) cannot let a crash
     * reach a node that is not there yet: the timeline starts after every node the test adds before running.
     */
    @Override
    public void apply(Scenario scenario) {
        requireOpen();
        scenarios.add(scenario);
        for (Scenario.Step step : scenario.steps()) {
            if (step.atMillis() == 0) {
                applyFault(step.fault());
            } else {
                synchronized (heldSteps) {
                    if (!timelineStarted) {
                        heldSteps.add(step);
                        continue;
                    }
                }
                schedule(step);
            }
        }
    }

    /** Starts the clock of every step applied before the cluster first ran; once. */
    private void startTimeline() {
        List<Scenario.Step> held;
        synchronized (heldSteps) {
            if (timelineStarted) {
                return;
            }
            timelineStarted = true;
            held = List.copyOf(heldSteps);
            heldSteps.clear();
        }
        held.forEach(this::schedule);
    }

    private void schedule(Scenario.Step step) {
        try {
            clock.schedule(() -> applyFault(step.fault()), step.atMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // Closing: the rest of the timeline would never matter.
        }
    }

    @Override
    public List<Scenario> scenarios() {
        return Collections.unmodifiableList(scenarios);
    }

    @Override
    public void invoke(Address client, Command command, ClientListener listener) {
        if (closed.get()) {
            return; // a listener handing out the next command while the cluster closes: nobody will carry it
        }
        Host host = hosts.get(client);
        if (host == null) {
            throw new IllegalArgumentException("No client node at " + client);
        }
        host.invoke(command, listener);
    }

    @Override
    public long now() {
        return ledger.now();
    }

    @Override
    public long stamp() {
        return ledger.stamp();
    }

    /** Sleeps the calling thread for {@code millis} while the nodes run, waking early if a node fails. */
    @Override
    public void runFor(long millis) {
        startTimeline();
        throwFailure();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (failureSignal) {
            long left;
            while (failure.get() == null && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(failureSignal, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while the live cluster was running", e);
                }
            }
        }
        throwFailure();
    }

    /** Checks {@code condition} on the calling thread every few milliseconds until it holds or time is up. */
    @Override
    public boolean runUntil(BooleanSupplier condition, long maxMillis) {
        startTimeline();
        throwFailure();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return condition.getAsBoolean();
            }
            runFor(Math.min(POLL_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
        }
    }

    @Override
    public NetworkStats stats() {
        return ledger.stats();
    }

    @Override
    public Trace trace() {
        return ledger.trace();
    }

    /**
     * Stops every loop, closes every socket and joins every thread the cluster started; then throws a
     * node failure that no run call has thrown yet.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            clock.shutdownNow();
            hosts.values().forEach(Host::close);
            try {
                clock.awaitTermination(CLOSE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                for (Host host : hosts.values()) {
                    host.awaitClosed(CLOSE_PATIENCE.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            network.close();
            threads.joinAll(CLOSE_PATIENCE);
        }
        throwFailure();
    }

    // ---- for the hosts and tests in this package ----

    FaultyTransport network() {
        return network;
    }

    /** The port {@code node} listens on over TCP, while it is up; empty in memory. */
    Optional<Integer> port(Address node) {
        return tcp == null ? Optional.empty() : tcp.port(node);
    }

    /** Keeps the first failure of the run for the test's thread, and wakes it if it is waiting. */
    void report(RuntimeException problem) {
        if (closed.get()) {
            return; // what breaks while everything is being torn down is the teardown's doing, not the run's
        }
        if (failure.compareAndSet(null, problem)) {
            synchronized (failureSignal) {
                failureSignal.notifyAll();
            }
        } else if (failure.get() != problem) {
            failure.get().addSuppressed(problem);
        }
    }

    // ---- inside ----

    private void applyFault(Fault fault) {
        ledger.events.incrementAndGet();
        ledger.record(Kind.FAULT, null, null, 0, fault);
        try {
            if (fault instanceof Fault.Crash crash) {
                host(crash.node()).crash();
            } else if (fault instanceof Fault.Restart restart) {
                host(restart.node()).restart();
            } else {
                network.apply(fault);
            }
        } catch (RuntimeException e) {
            report(e);
        }
    }

    private Host host(Address address) {
        Host host = hosts.get(address.root());
        if (host == null) {
            throw new IllegalArgumentException("No node runs at " + address + " in this cluster; add it first.");
        }
        return host;
    }

    private void throwFailure() {
        RuntimeException problem = failure.get();
        if (problem != null && failureThrown.compareAndSet(false, true)) {
            throw problem;
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("This live cluster is closed; start a new one.");
        }
    }
}
