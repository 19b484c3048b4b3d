package faultline.framework;

import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A participant in a distributed protocol: a single-threaded state machine.
 *
 * <p>The whole contract: a node reacts to a delivered {@link Message} or a fired {@link Timer}
 * with the handlers it registered in its constructor ({@link #onMessage}, {@link #onTimer}), and
 * from a handler it may only {@link #send}, {@link #broadcast}, {@link #set} timers, read
 * {@link #now} and draw from {@link #random}. It never starts threads, takes locks, sleeps, reads
 * the wall clock, uses its own randomness or does I/O: the runtime calls one handler at a time, and
 * because handlers are deterministic the same node runs in the simulator (virtual time, one seed
 * behind every choice, replayable) and in the live runtime (real time, real sockets).
 * {@link #init} runs once when the node starts; after a crash and restart the node is a fresh
 * instance and {@code init} runs again. All of a node's fields are its state: keep them
 * serializable, since budgets on state size measure them.
 *
 * <p>A node may host components, such as a Paxos instance inside a key/value server
 * ({@link #addComponent}): they share the host's network and timers under a sub-address.
 */
public abstract class Node implements Serializable {

    private final Address address;
    private final Map<Address, Node> components = new LinkedHashMap<>();
    private final transient Map<Class<?>, MessageHandler<Message>> messageHandlers = new HashMap<>();
    private final transient Map<Class<?>, TimerHandler<Timer>> timerHandlers = new HashMap<>();
    private transient NodeContext context;

    protected Node(Address address) {
        this.address = address;
    }

    public final Address address() {
        return address;
    }

    /** Runs once when the node starts, before any message or timer reaches it. */
    protected abstract void init();

    // ---- registration (in the constructor) ----

    /** Calls {@code handler} for every delivered message of {@code type} (or a subtype). */
    @SuppressWarnings("unchecked")
    protected final <M extends Message> void onMessage(Class<M> type, MessageHandler<? super M> handler) {
        refuseOverlap(messageHandlers.keySet(), type);
        if (messageHandlers.put(type, (MessageHandler<Message>) handler) != null) {
            throw new IllegalStateException(name() + " registers two handlers for " + type.getSimpleName());
        }
    }

    /** Calls {@code handler} for every fired timer of {@code type} (or a subtype). */
    @SuppressWarnings("unchecked")
    protected final <T extends Timer> void onTimer(Class<T> type, TimerHandler<? super T> handler) {
        refuseOverlap(timerHandlers.keySet(), type);
        if (timerHandlers.put(type, (TimerHandler<Timer>) handler) != null) {
            throw new IllegalStateException(name() + " registers two handlers for " + type.getSimpleName());
        }
    }

    /**
     * Hosts {@code component} inside this node; its address must be a sub-address of this one
     * ({@code address().sub("paxos")}). Call it from the constructor.
     */
    protected final <C extends Node> C addComponent(C component) {
        if (!component.address().root().equals(address) || !component.address().isComponent()) {
            throw new IllegalArgumentException("A component of " + address + " needs an address like "
                    + address.sub("name") + ", not " + component.address());
        }
        components.put(component.address(), component);
        return component;
    }

    // ---- the verbs a handler may use ----

    protected final void send(Message message, Address to) {
        context().send(address, to, message);
    }

    protected final void broadcast(Message message, Collection<Address> to) {
        for (Address each : to) {
            context().send(address, each, message);
        }
    }

    /** Sets {@code timer} to fire on this node after {@code delayMillis}. */
    protected final void set(Timer timer, long delayMillis) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("A timer's delay cannot be negative: " + delayMillis);
        }
        context().setTimer(address, timer, delayMillis);
    }

    /** Milliseconds since the run began, from the runtime's clock. */
    protected final long now() {
        return context().now();
    }

    /** The node's seeded random source: the only randomness lab code may use. */
    protected final RandomGenerator random() {
        return context().random();
    }

    /** Leaves a line in the run's trace, beside this node's messages. */
    protected final void note(String text) {
        context().note(address, text);
    }

    // ---- the runtime's side ----

    /** Binds this node (and its components) to a runtime and runs {@link #init}. Runtimes only. */
    public final void start(NodeContext runtimeContext) {
        this.context = runtimeContext;
        for (Node component : components.values()) {
            component.context = runtimeContext;
        }
        init();
        for (Node component : components.values()) {
            component.init();
        }
    }

    /** Hands {@code message}, addressed to {@code to} (this node or a component), to its handler. */
    public final void deliver(Address to, Message message, Address from) {
        Node target = route(to);
        MessageHandler<Message> handler = target.messageHandlers.get(message.getClass());
        if (handler == null) {
            handler = inheritedHandler(target.messageHandlers, message.getClass());
            if (handler == null) {
                throw new IllegalStateException(target.name() + " received a " + message.getClass().getSimpleName()
                        + " but has no handler for it; register one with onMessage("
                        + message.getClass().getSimpleName() + ".class, ...) in its constructor.");
            }
            target.messageHandlers.put(message.getClass(), handler);
        }
        handler.handle(message, from);
    }

    /** Hands a fired {@code timer}, set by {@code owner} (this node or a component), to its handler. */
    public final void fire(Address owner, Timer timer) {
        Node target = route(owner);
        TimerHandler<Timer> handler = target.timerHandlers.get(timer.getClass());
        if (handler == null) {
            handler = inheritedHandler(target.timerHandlers, timer.getClass());
            if (handler == null) {
                throw new IllegalStateException(target.name() + " set a " + timer.getClass().getSimpleName()
                        + " timer but has no handler for it; register one with onTimer("
                        + timer.getClass().getSimpleName() + ".class, ...) in its constructor.");
            }
            target.timerHandlers.put(timer.getClass(), handler);
        }
        handler.handle(timer);
    }

    private Node route(Address to) {
        if (to.equals(address)) {
            return this;
        }
        Node component = components.get(to);
        if (component == null) {
            throw new IllegalStateException(name() + " hosts no component " + to);
        }
        return component;
    }

    /**
     * The handler registered for the nearest supertype of {@code type} (a sealed interface of messages, say), or
     * null: the registered supertype that every other registered supertype is a supertype of. Which handler runs
     * never depends on the map's order, which follows identity hash codes and differs from one JVM to the next.
     * Two registered supertypes with neither nearer (two interfaces the type implements) are refused at
     * registration where that can be seen then, and here otherwise, with the sentence that says what to do.
     */
    private <H> H inheritedHandler(Map<Class<?>, H> handlers, Class<?> type) {
        List<Class<?>> matching = handlers.keySet().stream().filter(k -> k.isAssignableFrom(type)).toList();
        List<Class<?>> nearest = matching.stream()
                .filter(c -> matching.stream().noneMatch(o -> o != c && c.isAssignableFrom(o)))
                .sorted(Comparator.comparing(Class::getName))
                .toList();
        if (nearest.size() > 1) {
            throw new IllegalStateException(name() + " has handlers for both " + nearest.get(0).getSimpleName()
                    + " and " + nearest.get(1).getSimpleName() + ", and a " + type.getSimpleName() + " is both;"
                    + " register a handler for " + type.getSimpleName() + " itself.");
        }
        return nearest.isEmpty() ? null : handlers.get(nearest.get(0));
    }

    /**
     * Refuses a handler for {@code type} beside one for an unrelated type that some class could be as well (two
     * open interfaces, say): such a class would match both, and neither handler is nearer. Types shown to be
     * disjoint (a record or final class that is not the other, sealed hierarchies whose classes are not) pass.
     */
    private void refuseOverlap(Collection<Class<?>> registered, Class<?> type) {
        for (Class<?> other : registered) {
            if (couldBeBoth(type, other)) {
                throw new IllegalStateException(name() + " registers handlers for both " + other.getSimpleName()
                        + " and " + type.getSimpleName() + ", and one class could be both, so which handler runs"
                        + " would be a matter of chance. Register handlers for the concrete types instead, or make"
                        + " one of the two types extend the other.");
            }
        }
    }

    private static boolean couldBeBoth(Class<?> a, Class<?> b) {
        if (a.isAssignableFrom(b) || b.isAssignableFrom(a)) {
            return false; // nested: the nearer one is used
        }
        if (!a.isInterface() && !b.isInterface()) {
            return false; // a class has one superclass chain
        }
        Optional<Set<Class<?>>> leavesOfA = leaves(a);
        if (leavesOfA.isPresent()) {
            return leavesOfA.get().stream().anyMatch(b::isAssignableFrom);
        }
        Optional<Set<Class<?>>> leavesOfB = leaves(b);
        return leavesOfB.map(l -> l.stream().anyMatch(a::isAssignableFrom)).orElse(true);
    }

    /** Every class a final or sealed type can be, or empty when the type is open to classes not yet seen. */
    private static Optional<Set<Class<?>>> leaves(Class<?> type) {
        if (Modifier.isFinal(type.getModifiers()) || type.isEnum() || type.isRecord()) {
            return Optional.of(Set.of(type));
        }
        if (!type.isSealed()) {
            return Optional.empty();
        }
        Set<Class<?>> all = new LinkedHashSet<>();
        if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
            all.add(type);
        }
        for (Class<?> sub : type.getPermittedSubclasses()) {
            Optional<Set<Class<?>>> more = leaves(sub);
            if (more.isEmpty()) {
                return Optional.empty();
            }
            all.addAll(more.get());
        }
        return Optional.of(all);
    }

    private NodeContext context() {
        if (context == null) {
            throw new IllegalStateException(name() + " is not running yet: send, set timers and read the clock"
                    + " from init() or a handler, not from the constructor.");
        }
        return context;
    }

    private String name() {
        return getClass().getSimpleName() + " " + address;
    }

    @Override
    public String toString() {
        return name();
    }
}
