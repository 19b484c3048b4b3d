package faultline.framework.sim;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Message;
import faultline.framework.Node;
import faultline.framework.NodeContext;
import faultline.framework.Result;
import faultline.framework.Timer;
import faultline.framework.cluster.ClientListener;
import faultline.framework.cluster.Cluster;
import faultline.framework.cluster.NetworkStats;
import faultline.framework.cluster.NodeFailure;
import faultline.framework.cluster.RunSeeds;
import faultline.framework.fault.Delay;
import faultline.framework.fault.Fault;
import faultline.framework.fault.Scenario;
import faultline.framework.network.NetworkConditions;
import faultline.framework.trace.Trace;
import faultline.framework.trace.TraceEvent;
import faultline.framework.trace.TraceEvent.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The discrete-event simulator: virtual time, one thread, and one seed behind every random choice
 * (each message's fate and delay, each node's {@code random()}). A run is a pure function of
 * (code, scenarios, seed): the same seed gives the same trace, byte for byte, and minutes of
 * protocol time pass in milliseconds.
 */
public final class Simulation implements Cluster {

    /** Default time a message spends in the network, in virtual milliseconds. */
    public static final Delay DEFAULT_DELAY = Delay.between(1, 5);

    /** Events allowed at one virtual instant before the run is declared stuck (a zero-delay timer loop). */
    private static final long MAX_EVENTS_AT_ONE_INSTANT = 2_000_000;

    private final long seed;
    private final SplittableRandom networkRandom;
    private final NetworkConditions network;
    private final Trace trace;
    private final boolean tracing;
    private final EventQueue queue = new EventQueue();
    private final Map<Address, Slot> slots = new HashMap<>();
    private final List<Slot> slotsInOrder = new ArrayList<>();
    private final List<Scenario> scenarios = new ArrayList<>();

    private long time;
    private long sequence;
    private long stamps;
    private long messageIds;
    private long eventsAtThisInstant;
    private long sent;
    private long delivered;
    private long lost;
    private long unreachable;
    private long duplicated;
    private long toCrashed;
    private long timers;
    private long events;

    private Simulation(long seed, Trace trace, Delay defaultDelay) {
        this.seed = seed;
        this.networkRandom = new SplittableRandom(RunSeeds.network(seed));
        this.network = new NetworkConditions(defaultDelay);
        this.trace = trace;
        this.tracing = trace.enabled();
    }

    /** A simulation that keeps a trace of up to 20,000 events. */
    public static Simulation seeded(long seed) {
        return new Simulation(seed, Trace.bounded(20_000), DEFAULT_DELAY);
    }

    /** A simulation with tracing off: fastest, for benchmarks and long soak runs. */
    public static Simulation untraced(long seed) {
        return new Simulation(seed, Trace.off(), DEFAULT_DELAY);
    }

    /** A simulation keeping up to {@code traceCapacity} events, with its own default network delay. */
    public static Simulation with(long seed, int traceCapacity, Delay defaultDelay) {
        return new Simulation(seed, traceCapacity > 0 ? Trace.bounded(traceCapacity) : Trace.off(), defaultDelay);
    }

    // ---- the cluster ----

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public void add(Address address, Function<Address, ? extends Node> factory) {
        if (address.isComponent()) {
            throw new IllegalArgumentException("Add the host node, not its component " + address);
        }
        if (slots.containsKey(address)) {
            throw new IllegalArgumentException("There is already a node at " + address);
        }
        Slot slot = new Slot(address, factory);
        slots.put(address, slot);
        slotsInOrder.add(slot);
        slot.boot();
    }

    /** The node running at {@code address}, or empty while it is crashed. For checks on its state. */
    public Optional<Node> node(Address address) {
        Slot slot = slots.get(address.root());
        return slot == null ? Optional.empty() : Optional.ofNullable(slot.node);
    }

    /** Every running node, in the order they were added. */
    public List<Node> nodes() {
        List<Node> running = new ArrayList<>();
        for (Slot slot : slotsInOrder) {
            if (slot.node != null) {
                running.add(slot.node);
            }
        }
        return running;
    }

    @Override
    public void apply(Scenario scenario) {
        scenarios.add(scenario);
        for (Scenario.Step step : scenario.steps()) {
            schedule(step.atMillis(), SimEvent.FAULT, null, null, step.fault(), 0, 0, null);
        }
    }

    @Override
    public List<Scenario> scenarios() {
        return Collections.unmodifiableList(scenarios);
    }

    @Override
    public void invoke(Address client, Command command, ClientListener listener) {
        schedule(0, SimEvent.INVOKE, client, null, command, 0, 0, listener);
    }

    @Override
    public long now() {
        return time;
    }

    @Override
    public long stamp() {
        return ++stamps;
    }

    @Override
    public void runFor(long millis) {
        long until = time + millis;
        while (!queue.isEmpty() && queue.peek().time <= until) {
            step();
        }
        time = until;
    }

    @Override
    public boolean runUntil(BooleanSupplier condition, long maxMillis) {
        long until = time + maxMillis;
        if (condition.getAsBoolean()) {
            return true;
        }
        while (!queue.isEmpty() && queue.peek().time <= until) {
            step();
            if (condition.getAsBoolean()) {
                return true;
            }
        }
        time = until;
        return condition.getAsBoolean();
    }

    @Override
    public NetworkStats stats() {
        return new NetworkStats(sent, delivered, lost, unreachable, duplicated, toCrashed, timers, events);
    }

    @Override
    public Trace trace() {
        return trace;
    }

    @Override
    public void close() {
        // Nothing outlives a simulation: no threads, no sockets.
    }

    /**
     * This run's state now, as data: the running nodes with their factories, and the messages and
     * timers still pending. A search starts from it; the simulation itself is left as it was.
     */
    public Snapshot snapshot() {
        List<Snapshot.NodeAt> running = new ArrayList<>();
        for (Slot slot : slotsInOrder) {
            if (slot.node != null) {
                running.add(new Snapshot.NodeAt(slot.address, slot.factory, slot.node));
            }
        }
        List<Snapshot.InFlight> messages = new ArrayList<>();
        List<Snapshot.TimerDue> timersDue = new ArrayList<>();
        int other = 0;
        for (SimEvent event : queue.inOrder()) {
            if (event.kind == SimEvent.DELIVER) {
                messages.add(new Snapshot.InFlight(event.from, event.target, (Message) event.payload));
            } else if (event.kind == SimEvent.TIMER) {
                Slot slot = slots.get(event.target.root());
                if (slot.node != null && slot.incarnation == event.incarnation) {
                    timersDue.add(new Snapshot.TimerDue(event.target, (Timer) event.payload, event.time));
                }
            } else {
                other++;
            }
        }
        return new Snapshot(time, running, messages, timersDue, other);
    }

    // ---- the event loop ----

    private void step() {
        SimEvent event = queue.poll();
        if (event.time != time) {
            time = event.time;
            eventsAtThisInstant = 0;
        } else if (++eventsAtThisInstant > MAX_EVENTS_AT_ONE_INSTANT) {
            throw new IllegalStateException("Virtual time is stuck at " + time + "ms: more than "
                    + MAX_EVENTS_AT_ONE_INSTANT + " events happened without time moving on. A node probably sets a"
                    + " zero-delay timer in a loop or two nodes answer each other endlessly at once.");
        }
        events++;
        switch (event.kind) {
            case SimEvent.DELIVER -> deliver(event);
            case SimEvent.TIMER -> fire(event);
            case SimEvent.FAULT -> applyFault((Fault) event.payload);
            case SimEvent.INVOKE -> startCommand(event);
            default -> throw new IllegalStateException("Unknown event kind " + event.kind);
        }
    }

    private void deliver(SimEvent event) {
        Slot slot = slots.get(event.target.root());
        Message message = (Message) event.payload;
        if (slot == null || slot.node == null) {
            toCrashed++;
            if (tracing) {
                record(Kind.DROP, event.target, event.from, event.messageId,
                        (slot == null ? "no such node: " : "receiver is down: ") + message);
            }
            return;
        }
        delivered++;
        if (tracing) {
            record(Kind.DELIVER, event.target, event.from, event.messageId, message.toString());
        }
        try {
            slot.node.deliver(event.target, message, event.from);
        } catch (RuntimeException e) {
            throw failure(slot, e, "handling " + message + " from " + event.from);
        }
        slot.collectResult();
    }

    private void fire(SimEvent event) {
        Slot slot = slots.get(event.target.root());
        if (slot.node == null || slot.incarnation != event.incarnation) {
            return; // set by an instance that has since crashed
        }
        timers++;
        Timer timer = (Timer) event.payload;
        if (tracing) {
            record(Kind.TIMER_FIRE, event.target, null, 0, timer.toString());
        }
        try {
            slot.node.fire(event.target, timer);
        } catch (RuntimeException e) {
            throw failure(slot, e, "handling timer " + timer);
        }
        slot.collectResult();
    }

    private void startCommand(SimEvent event) {
        Slot slot = slots.get(event.target);
        if (slot == null) {
            throw new IllegalArgumentException("No client node at " + event.target);
        }
        if (slot.node == null) {
            return; // a crashed client carries nothing
        }
        if (!(slot.node instanceof Client client)) {
            throw new IllegalArgumentException(slot.node + " is not a Client and cannot carry commands");
        }
        if (slot.pending != null) {
            throw new IllegalStateException("Client " + event.target + " already carries "
                    + slot.pending.command + "; wait for its result before the next command");
        }
        Command command = (Command) event.payload;
        slot.pending = new Pending(command, event.listener, stamp());
        if (tracing) {
            record(Kind.INVOKE, event.target, null, 0, command.toString());
        }
        try {
            client.sendCommand(command);
        } catch (RuntimeException e) {
            throw failure(slot, e, "starting command " + command);
        }
        slot.collectResult();
    }

    private void applyFault(Fault fault) {
        if (tracing) {
            record(Kind.FAULT, null, null, 0, fault.toString());
        }
        if (fault instanceof Fault.Crash crash) {
            Slot slot = requireSlot(crash.node());
            slot.crash();
        } else if (fault instanceof Fault.Restart restart) {
            Slot slot = requireSlot(restart.node());
            if (slot.node != null) {
                slot.crash();
            }
            slot.boot();
        } else {
            network.apply(fault);
        }
    }

    private Slot requireSlot(Address address) {
        Slot slot = slots.get(address);
        if (slot == null) {
            throw new IllegalArgumentException("The scenario names " + address + ", but no node runs there");
        }
        return slot;
    }

    private void send(Address from, Address to, Message message) {
        sent++;
        long id = ++messageIds;
        Address fromRoot = from.root();
        Address toRoot = to.root();
        NetworkConditions.Fate fate = network.fate(fromRoot, toRoot, networkRandom);
        if (tracing) {
            record(Kind.SEND, from, to, id, message.toString());
        }
        switch (fate) {
            case UNREACHABLE -> {
                unreachable++;
                if (tracing) {
                    record(Kind.DROP, from, to, id, "unreachable");
                }
            }
            case LOST -> {
                lost++;
                if (tracing) {
                    record(Kind.DROP, from, to, id, "lost");
                }
            }
            case DUPLICATE -> {
                duplicated++;
                if (tracing) {
                    record(Kind.DUPLICATE, from, to, id, "duplicated");
                }
                schedule(network.delay(fromRoot, toRoot, networkRandom), SimEvent.DELIVER, to, from, message, 0, id, null);
                schedule(network.delay(fromRoot, toRoot, networkRandom), SimEvent.DELIVER, to, from, message, 0, id, null);
            }
            case DELIVER -> schedule(network.delay(fromRoot, toRoot, networkRandom), SimEvent.DELIVER, to, from,
                    message, 0, id, null);
        }
    }

    private void schedule(long delay, int kind, Address target, Address from, Object payload, int incarnation,
                          long messageId, ClientListener listener) {
        queue.add(new SimEvent(time + delay, ++sequence, kind, target, from, payload, incarnation, messageId, listener));
    }

    private void record(Kind kind, Address node, Address peer, long messageId, String detail) {
        trace.record(new TraceEvent(time, kind, node == null ? "" : node.name(), peer == null ? "" : peer.name(),
                messageId, detail));
    }

    private NodeFailure failure(Slot slot, RuntimeException cause, String doing) {
        String message = slot.address + " (" + (slot.node == null ? "crashed" : slot.node.getClass().getSimpleName())
                + ") threw " + cause + " while " + doing + " at " + time + "ms (seed " + seed + ")";
        if (tracing) {
            record(Kind.ERROR, slot.address, null, 0, message);
        }
        return new NodeFailure(message, cause);
    }

    /** A command a client carries, with who is waiting for it. */
    private record Pending(Command command, ClientListener listener, long invokedAt) {
    }

    /** One address of the cluster: the node running there now, and what it needs from the runtime. */
    private final class Slot implements NodeContext {
        final Address address;
        final Function<Address, ? extends Node> factory;
        Node node;
        int incarnation;
        RandomGenerator random;
        Pending pending;

        Slot(Address address, Function<Address, ? extends Node> factory) {
            this.address = address;
            this.factory = factory;
        }

        void boot() {
            incarnation++;
            random = new SplittableRandom(RunSeeds.node(seed, address, incarnation));
            node = factory.apply(address);
            if (!node.address().equals(address)) {
                throw new IllegalArgumentException("The factory for " + address + " made a node at " + node.address());
            }
            if (incarnation > 1 && tracing) {
                record(Kind.RESTART, address, null, 0, "incarnation " + incarnation);
            }
            try {
                node.start(this);
            } catch (RuntimeException e) {
                throw failure(this, e, "starting");
            }
        }

        void crash() {
            node = null;
            pending = null;
            if (tracing) {
                record(Kind.CRASH, address, null, 0, "state lost");
            }
        }

        void collectResult() {
            if (pending == null || !(node instanceof Client client)) {
                return;
            }
            Result result;
            try {
                if (!client.hasResult()) {
                    return;
                }
                result = client.takeResult();
            } catch (RuntimeException e) {
                throw failure(this, e, "reporting the result of " + pending.command);
            }
            Pending done = pending;
            pending = null;
            long returnedAt = stamp();
            if (tracing) {
                record(Kind.RETURN, address, null, 0, result.toString());
            }
            done.listener.returned(address, done.command, result, done.invokedAt, returnedAt);
        }

        @Override
        public void send(Address from, Address to, Message message) {
            Simulation.this.send(from, to, message);
        }

        @Override
        public void setTimer(Address owner, Timer timer, long delayMillis) {
            if (tracing) {
                record(Kind.TIMER_SET, owner, null, 0, timer + " in " + delayMillis + "ms");
            }
            schedule(delayMillis, SimEvent.TIMER, owner, null, timer, incarnation, 0, null);
        }

        @Override
        public long now() {
            return time;
        }

        @Override
        public RandomGenerator random() {
            return random;
        }

        @Override
        public void note(Address who, String text) {
            if (tracing) {
                record(Kind.NOTE, who, null, 0, text);
            }
        }
    }
}
