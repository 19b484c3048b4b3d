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
import faultline.framework.cluster.NodeRandom;
import faultline.framework.cluster.RunSeeds;
import faultline.framework.fault.Delay;
import faultline.framework.fault.Fault;
import faultline.framework.fault.Scenario;
import faultline.framework.network.NetworkConditions;
import faultline.framework.network.Wire;
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
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The discrete-event simulator: virtual time, one thread, and one seed behind every random choice
 * (each message's fate and delay, each node's {@code random()}). A run is a pure function of
 * (code, scenarios, seed): the same seed gives the same trace, byte for byte, and minutes of
 * protocol time pass in milliseconds.
 *
 * <p>A scripted simulation ({@link #scripted}) continues a run from a {@link Snapshot} under an explicit
 * schedule instead of the clock and the seed: every message sent is held in the network until the schedule
 * delivers it ({@link #deliver}), delivers a copy of it ({@link #duplicate}) or drops it ({@link #drop}), and
 * a node's timers fire only when the schedule fires the node's earliest-due one ({@link #fire}). Each node has
 * its own clock there: a timer set with delay d when the node's clock reads c is due at c + d, firing it moves
 * the node's clock to that time, and a delivery does not move it. The handlers, the results, the trace and its
 * events are the simulator's own; the run's time ({@link #now}, and the trace's) is the latest of the nodes'
 * clocks. This is how a search's counterexample is replayed and drawn.
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
    /** Scripted runs only: the messages in the network, in the order sent. */
    private final List<HeldMessage> held;

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
        this.held = null;
    }

    private Simulation(long seed, Trace trace, Snapshot start, BiFunction<Snapshot.NodeAt, NodeContext, Node> copy,
                       Function<Address, RandomGenerator> randoms) {
        this.seed = seed;
        this.networkRandom = new SplittableRandom(RunSeeds.network(seed));
        this.network = new NetworkConditions(DEFAULT_DELAY);
        this.trace = trace;
        this.tracing = trace.enabled();
        this.held = new ArrayList<>();
        this.time = start.time();
        for (Snapshot.NodeAt at : start.nodes()) {
            Slot slot = new Slot(at.address(), at.factory());
            slot.incarnation = 1;
            slot.random = randoms.apply(at.address());
            slot.clock = start.time();
            slot.node = copy.apply(at, slot);
            slots.put(at.address(), slot);
            slotsInOrder.add(slot);
        }
        for (Snapshot.TimerDue due : start.timers()) {
            slots.get(due.owner().root()).hold(due);
        }
        for (Snapshot.InFlight m : start.messages()) {
            long id = ++messageIds;
            if (tracing) {
                record(Kind.SEND, m.from(), m.to(), id, m.message() + " (in flight when the search began)");
            }
            held.add(new HeldMessage(id, m.from(), m.to(), m.message()));
        }
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

    /**
     * A scripted simulation continuing from {@code start}: {@code copy} makes each node's copy, bound to the
     * context it is given and not started again (its {@code init} ran in the original run), and
     * {@code randoms} gives each node its random source. The messages and timers pending in {@code start} are
     * held, and nothing happens until the schedule says so (see the class comment).
     */
    public static Simulation scripted(long seed, int traceCapacity, Snapshot start,
                                      BiFunction<Snapshot.NodeAt, NodeContext, Node> copy,
                                      Function<Address, RandomGenerator> randoms) {
        return new Simulation(seed, traceCapacity > 0 ? Trace.bounded(traceCapacity) : Trace.off(), start, copy,
                randoms);
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

    @Override
    public <T> Optional<T> inspect(Address address, Function<? super Node, T> reading) {
        return node(address).map(reading);
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
        requireClocked("apply a scenario");
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
        if (held != null) {
            // A scripted run hands a command over at once: the schedule holds only messages and timers.
            startCommand(new SimEvent(time, ++sequence, SimEvent.INVOKE, client, null, command, 0, 0, listener));
            return;
        }
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
        requireClocked("run for a time");
        long until = time + millis;
        while (!queue.isEmpty() && queue.peek().time <= until) {
            step();
        }
        time = until;
    }

    @Override
    public boolean runUntil(BooleanSupplier condition, long maxMillis) {
        requireClocked("run until a condition holds");
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

    // ---- scripted runs ----

    /** A message held in a scripted run's network; {@code id} pairs its send and delivery in the trace. */
    public record HeldMessage(long id, Address from, Address to, Message message) {
    }

    /** The messages in a scripted run's network, in the order they were sent. */
    public List<HeldMessage> held() {
        requireScripted();
        return List.copyOf(held);
    }

    /** The timer of {@code node} (or its components) due first in a scripted run, if it has one set. */
    public Optional<Snapshot.TimerDue> nextTimer(Address node) {
        requireScripted();
        Slot slot = slots.get(node.root());
        return slot == null || slot.timers.isEmpty() ? Optional.empty() : Optional.of(slot.timers.get(0));
    }

    /** The clock of {@code node} in a scripted run: its time when the run began, moved on by its timers. */
    public long clock(Address node) {
        requireScripted();
        return requireSlot(node.root()).clock;
    }

    /** Delivers held message {@code id} and takes it out of the network; false if no such message is held. */
    public boolean deliver(long id) {
        return take(id, false);
    }

    /** Delivers a copy of held message {@code id}, which stays in the network; false if no such message is held. */
    public boolean duplicate(long id) {
        return take(id, true);
    }

    /** Drops held message {@code id}; false if no such message is held. */
    public boolean drop(long id) {
        int j = heldIndex(id);
        if (j < 0) {
            return false;
        }
        HeldMessage m = held.remove(j);
        events++;
        lost++;
        if (tracing) {
            record(Kind.DROP, m.from(), m.to(), m.id(), "dropped");
        }
        return true;
    }

    /** Fires the timer of {@code node} due first, moving the node's clock to its due time; false if none is set. */
    public boolean fire(Address node) {
        requireScripted();
        Slot slot = slots.get(node.root());
        if (slot == null || slot.node == null || slot.timers.isEmpty()) {
            return false;
        }
        Snapshot.TimerDue next = slot.timers.remove(0);
        slot.clock = Math.max(slot.clock, next.due());
        time = Math.max(time, slot.clock);
        events++;
        fire(new SimEvent(time, ++sequence, SimEvent.TIMER, next.owner(), null, next.timer(), slot.incarnation, 0,
                null));
        return true;
    }

    private boolean take(long id, boolean copy) {
        int j = heldIndex(id);
        if (j < 0) {
            return false;
        }
        HeldMessage m = copy ? held.get(j) : held.remove(j);
        events++;
        if (copy) {
            duplicated++;
            if (tracing) {
                record(Kind.DUPLICATE, m.from(), m.to(), m.id(), "duplicated");
            }
        }
        deliver(new SimEvent(time, ++sequence, SimEvent.DELIVER, m.to(), m.from(), m.message(), 0, m.id(), null));
        return true;
    }

    private int heldIndex(long id) {
        requireScripted();
        for (int j = 0; j < held.size(); j++) {
            if (held.get(j).id() == id) {
                return j;
            }
        }
        return -1;
    }

    private void requireScripted() {
        if (held == null) {
            throw new IllegalStateException("Only a scripted simulation (Simulation.scripted) holds messages and"
                    + " timers for a schedule; this one runs by its clock");
        }
    }

    private void requireClocked(String what) {
        if (held != null) {
            throw new IllegalStateException("A scripted simulation moves only by its schedule (deliver, duplicate,"
                    + " drop, fire), so it cannot " + what);
        }
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
        Message message = Wire.carry((Message) event.payload);
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

    private void send(Address from, Address to, Message sentMessage) {
        sent++;
        Message message = Wire.carry(sentMessage);
        long id = ++messageIds;
        if (held != null) {
            if (tracing) {
                record(Kind.SEND, from, to, id, message.toString());
            }
            held.add(new HeldMessage(id, from, to, message));
            return;
        }
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
        /** Scripted runs only: this node's clock and its timers, due first first. */
        long clock;
        final List<Snapshot.TimerDue> timers = new ArrayList<>(2);

        Slot(Address address, Function<Address, ? extends Node> factory) {
            this.address = address;
            this.factory = factory;
        }

        void boot() {
            incarnation++;
            random = new NodeRandom(RunSeeds.node(seed, address, incarnation));
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
            if (held != null) {
                hold(new Snapshot.TimerDue(owner, timer, clock + delayMillis));
                return;
            }
            schedule(delayMillis, SimEvent.TIMER, owner, null, timer, incarnation, 0, null);
        }

        /** Keeps {@code due} among this node's timers in due order; ties go to the one set first. */
        void hold(Snapshot.TimerDue due) {
            int at = timers.size();
            while (at > 0 && timers.get(at - 1).due() > due.due()) {
                at--;
            }
            timers.add(at, due);
        }

        @Override
        public long now() {
            return held != null ? clock : time;
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
