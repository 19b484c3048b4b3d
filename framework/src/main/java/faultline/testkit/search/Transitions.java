package faultline.testkit.search;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Message;
import faultline.framework.Node;
import faultline.framework.NodeContext;
import faultline.framework.Result;
import faultline.framework.Timer;
import faultline.framework.cluster.RunSeeds;
import faultline.framework.sim.Snapshot;
import faultline.framework.trace.Trace;
import faultline.framework.trace.TraceEvent;
import faultline.framework.trace.TraceEvent.Kind;
import faultline.testkit.search.SearchState.Envelope;
import faultline.testkit.search.SearchState.PendingTimer;
import faultline.testkit.search.SearchState.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The search's runtime: the simulator's semantics, driven by a chosen event instead of a clock and a seed.
 * A step copies the one node it touches, runs its handler, and collects what the handler sent and set.
 *
 * <p>Time: each node has its own clock. A timer set with delay {@code d} when the node's clock reads
 * {@code c} is due at {@code c + d}; only a node's earliest-due timer may fire (ties go to the one set
 * first), and firing it moves the node's clock to its due time. So timers fire in an order consistent with
 * their delays, as in DSLabs, while messages may take any time at all to arrive. Delivering a message does
 * not move a clock.
 *
 * <p>With a {@link Trace}, a step also records what happened in the simulator's trace format: sends,
 * deliveries, drops, duplicates, timers set and fired, commands and results, notes. A trace's time counts
 * steps, not milliseconds.
 */
final class Transitions {

    private Transitions() {
    }

    /** The start of a search: the snapshot's nodes copied, and each client given its first command. */
    static SearchState start(SearchSpace space, Snapshot snapshot, long seed, Optional<Trace> trace) {
        int n = space.size();
        Node[] nodes = new Node[n];
        long[] hashes = new long[n];
        long[] clocks = new long[n];
        long[] randoms = new long[n];
        PendingTimer[][] timers = new PendingTimer[n][];
        Result[][] results = new Result[n][];
        int[] issued = new int[n];
        long nextId = 1;
        List<List<PendingTimer>> timerLists = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Snapshot.NodeAt at = snapshot.nodes().get(i);
            nodes[i] = CanonicalState.copy(at.node(), at.factory());
            clocks[i] = snapshot.time();
            randoms[i] = RunSeeds.node(seed, at.address(), 1);
            results[i] = new Result[0];
            timerLists.add(new ArrayList<>());
        }
        for (Snapshot.TimerDue due : snapshot.timers()) {
            timerLists.get(space.index(due.owner())).add(pendingTimer(due.owner(), due.timer(), due.due(), nextId++));
        }
        List<Envelope> network = new ArrayList<>();
        long networkHash = 0;
        for (Snapshot.InFlight m : snapshot.messages()) {
            Envelope e = envelope(m.from(), m.to(), m.message(), nextId++);
            network.add(e);
            networkHash += e.hash();
            trace.ifPresent(t -> record(t, 0, Kind.SEND, m.from(), m.to(), e.id(), m.message() + " (in flight when the search began)"));
        }
        for (int i = 0; i < n; i++) {
            timers[i] = timerLists.get(i).toArray(new PendingTimer[0]);
        }
        Context context = new Context(nextId, trace, 0);
        for (int i = 0; i < n; i++) {
            List<Command> workload = space.workload(i);
            if (!workload.isEmpty()) {
                if (!(nodes[i] instanceof Client client)) {
                    throw new IllegalArgumentException("The search gives commands to " + space.address(i)
                            + ", which is not a Client");
                }
                context.begin(clocks[i], randoms[i]);
                CanonicalState.bind(nodes[i], context);
                Command first = workload.get(0);
                Address who = space.address(i);
                trace.ifPresent(t -> record(t, 0, Kind.INVOKE, who, null, 0, first.toString()));
                run(nodes[i], context, () -> client.sendCommand(first), () -> "starting command " + first);
                issued[i] = 1;
                randoms[i] = context.randomState();
                timers[i] = merged(timers[i], context.timers);
                for (Envelope e : context.sent) {
                    network.add(e);
                    networkHash += e.hash();
                }
            }
            CanonicalState.bind(nodes[i], context);
            hashes[i] = CanonicalState.ofNode(nodes[i]);
        }
        return new SearchState(space, nodes, hashes, clocks, randoms, timers, network.toArray(new Envelope[0]),
                networkHash, results, issued, 0, 0, context.nextId, null);
    }

    /** The state {@code event} leads to from {@code state}, or empty when the state does not enable it. */
    static Optional<SearchState> step(SearchState state, Event event, Optional<Trace> trace) {
        SearchSpace space = state.space;
        int depth = state.depthValue() + 1;
        Step path = new Step(state.path, event, depth);
        if (event.kind() == Event.Kind.FIRE) {
            int i = space.index(event.to());
            PendingTimer[] pending = state.timers[i];
            if (pending.length == 0 || !pending[0].owner().equals(event.to()) || !pending[0].timer().equals(event.payload())) {
                return Optional.empty();
            }
            return Optional.of(fire(state, i, path, trace));
        }
        int j = state.find(event);
        if (j < 0) {
            return Optional.empty();
        }
        Envelope envelope = state.network[j];
        switch (event.kind()) {
            case DROP -> {
                trace.ifPresent(t -> record(t, depth, Kind.DROP, envelope.from(), envelope.to(), envelope.id(), "dropped"));
                Envelope[] network = without(state.network, j);
                return Optional.of(new SearchState(space, state.nodes, state.nodeHashes, state.clocks, state.randoms,
                        state.timers, network, state.networkHash - envelope.hash(), state.results, state.issued,
                        state.drops + 1, state.duplicates, state.nextId, path));
            }
            case DUPLICATE -> {
                trace.ifPresent(t -> record(t, depth, Kind.DUPLICATE, envelope.from(), envelope.to(), envelope.id(),
                        "duplicated"));
                return Optional.of(deliver(state, envelope, state.network, state.networkHash, 1, path, trace));
            }
            default -> {
                return Optional.of(deliver(state, envelope, without(state.network, j),
                        state.networkHash - envelope.hash(), 0, path, trace));
            }
        }
    }

    private static SearchState deliver(SearchState state, Envelope envelope, Envelope[] rest, long restHash,
                                       int duplicated, Step path, Optional<Trace> trace) {
        int i = state.space.index(envelope.to());
        Context context = new Context(state.nextId, trace, path.depth());
        context.begin(state.clocks[i], state.randoms[i]);
        Node node = CanonicalState.copy(state.nodes[i], state.space.factory(i));
        CanonicalState.bind(node, context);
        trace.ifPresent(t -> record(t, path.depth(), Kind.DELIVER, envelope.to(), envelope.from(), envelope.id(),
                envelope.message().toString()));
        run(node, context, () -> node.deliver(envelope.to(), envelope.message(), envelope.from()),
                () -> "handling " + envelope.message() + " from " + envelope.from());
        return after(state, i, node, state.clocks[i], context, rest, restHash, duplicated, path);
    }

    private static SearchState fire(SearchState state, int i, Step path, Optional<Trace> trace) {
        PendingTimer timer = state.timers[i][0];
        long clock = Math.max(state.clocks[i], timer.due());
        Context context = new Context(state.nextId, trace, path.depth());
        context.begin(clock, state.randoms[i]);
        Node node = CanonicalState.copy(state.nodes[i], state.space.factory(i));
        CanonicalState.bind(node, context);
        trace.ifPresent(t -> record(t, path.depth(), Kind.TIMER_FIRE, timer.owner(), null, 0, timer.timer().toString()));
        PendingTimer[][] timers = state.timers.clone();
        timers[i] = Arrays.copyOfRange(state.timers[i], 1, state.timers[i].length);
        run(node, context, () -> node.fire(timer.owner(), timer.timer()), () -> "handling timer " + timer.timer());
        return after(state, i, node, clock, context, state.network, state.networkHash, 0, path, timers);
    }

    private static SearchState after(SearchState state, int i, Node node, long clock, Context context,
                                     Envelope[] rest, long restHash, int duplicated, Step path) {
        return after(state, i, node, clock, context, rest, restHash, duplicated, path, state.timers.clone());
    }

    private static SearchState after(SearchState state, int i, Node node, long clock, Context context,
                                     Envelope[] rest, long restHash, int duplicated, Step path,
                                     PendingTimer[][] timers) {
        SearchSpace space = state.space;
        Result[][] results = state.results;
        int[] issued = state.issued;
        List<Command> workload = space.workload(i);
        if (!workload.isEmpty() && node instanceof Client client && state.results[i].length < state.issued[i]) {
            boolean done = ask(node, context, client::hasResult, () -> "reporting whether it has a result");
            if (done) {
                Result result = ask(node, context, client::takeResult, () -> "reporting its result");
                context.trace.ifPresent(t -> record(t, path.depth(), Kind.RETURN, node.address(), null, 0,
                        String.valueOf(result)));
                results = results.clone();
                results[i] = Arrays.copyOf(state.results[i], state.results[i].length + 1);
                results[i][results[i].length - 1] = result;
                if (state.issued[i] < workload.size()) {
                    Command next = workload.get(state.issued[i]);
                    issued = issued.clone();
                    issued[i]++;
                    context.trace.ifPresent(t -> record(t, path.depth(), Kind.INVOKE, node.address(), null, 0,
                            next.toString()));
                    run(node, context, () -> client.sendCommand(next), () -> "starting command " + next);
                }
            }
        }
        Node[] nodes = state.nodes.clone();
        nodes[i] = node;
        long[] hashes = state.nodeHashes.clone();
        hashes[i] = CanonicalState.ofNode(node);
        long[] clocks = state.clocks;
        if (clock != clocks[i]) {
            clocks = clocks.clone();
            clocks[i] = clock;
        }
        long[] randoms = state.randoms;
        if (context.randomState() != randoms[i]) {
            randoms = randoms.clone();
            randoms[i] = context.randomState();
        }
        if (!context.timers.isEmpty()) {
            timers[i] = merged(timers[i], context.timers);
        }
        Envelope[] network = rest;
        long networkHash = restHash;
        if (!context.sent.isEmpty()) {
            network = Arrays.copyOf(rest, rest.length + context.sent.size());
            for (int k = 0; k < context.sent.size(); k++) {
                Envelope e = context.sent.get(k);
                network[rest.length + k] = e;
                networkHash += e.hash();
            }
        }
        return new SearchState(space, nodes, hashes, clocks, randoms, timers, network, networkHash, results, issued,
                state.drops, state.duplicates + duplicated, context.nextId, path);
    }

    private static PendingTimer[] merged(PendingTimer[] pending, List<PendingTimer> added) {
        PendingTimer[] all = Arrays.copyOf(pending, pending.length + added.size());
        for (int k = 0; k < added.size(); k++) {
            all[pending.length + k] = added.get(k);
        }
        Arrays.sort(all, (a, b) -> a.due() != b.due() ? Long.compare(a.due(), b.due()) : Long.compare(a.order(), b.order()));
        return all;
    }

    private static Envelope[] without(Envelope[] network, int j) {
        Envelope[] rest = new Envelope[network.length - 1];
        System.arraycopy(network, 0, rest, 0, j);
        System.arraycopy(network, j + 1, rest, j, network.length - j - 1);
        return rest;
    }

    static Envelope envelope(Address from, Address to, Message message, long id) {
        long h = CanonicalState.fold(CanonicalState.hashString(3, from.name()), CanonicalState.hashString(5, to.name()));
        return new Envelope(from, to, message, id, CanonicalState.mix(CanonicalState.fold(h, CanonicalState.of(message))));
    }

    private static PendingTimer pendingTimer(Address owner, Timer timer, long due, long order) {
        long h = CanonicalState.fold(CanonicalState.hashString(9, owner.name()), CanonicalState.of(timer));
        return new PendingTimer(owner, timer, due, order, h);
    }

    private static void run(Node node, Context context, Runnable handler, java.util.function.Supplier<String> doing) {
        ask(node, context, () -> {
            handler.run();
            return Boolean.TRUE;
        }, doing);
    }

    private static <T> T ask(Node node, Context context, java.util.function.Supplier<T> handler,
                             java.util.function.Supplier<String> doing) {
        try {
            return handler.get();
        } catch (RuntimeException e) {
            String message = node.address() + " (" + node.getClass().getSimpleName() + ") threw " + e + " while " + doing;
            context.trace.ifPresent(t -> record(t, context.depth, Kind.ERROR, node.address(), null, 0, message));
            throw new HandlerFailure(message, e);
        }
    }

    static void record(Trace trace, long step, Kind kind, Address node, Address peer, long id, String detail) {
        trace.record(new TraceEvent(step, kind, node == null ? "" : node.name(), peer == null ? "" : peer.name(), id,
                detail));
    }

    /** What one step's handler may use: the node's clock and random source; what it sends and sets is kept. */
    private static final class Context implements NodeContext {
        final Optional<Trace> trace;
        final int depth;
        final List<Envelope> sent = new ArrayList<>(4);
        final List<PendingTimer> timers = new ArrayList<>(2);
        long nextId;
        long clock;
        final SplitMix random = new SplitMix();

        Context(long nextId, Optional<Trace> trace, int depth) {
            this.nextId = nextId;
            this.trace = trace;
            this.depth = depth;
        }

        void begin(long clockNow, long randomState) {
            clock = clockNow;
            random.state = randomState;
            sent.clear();
            timers.clear();
        }

        long randomState() {
            return random.state;
        }

        @Override
        public void send(Address from, Address to, Message message) {
            Envelope e = envelope(from, to, message, nextId++);
            sent.add(e);
            trace.ifPresent(t -> record(t, depth, Kind.SEND, from, to, e.id(), message.toString()));
        }

        @Override
        public void setTimer(Address owner, Timer timer, long delayMillis) {
            timers.add(pendingTimer(owner, timer, clock + delayMillis, nextId++));
            trace.ifPresent(t -> record(t, depth, Kind.TIMER_SET, owner, null, 0, timer + " in " + delayMillis + "ms"));
        }

        @Override
        public long now() {
            return clock;
        }

        @Override
        public RandomGenerator random() {
            return random;
        }

        @Override
        public void note(Address who, String text) {
            trace.ifPresent(t -> record(t, depth, Kind.NOTE, who, null, 0, text));
        }
    }

    /** SplitMix64, whose whole state is one long, so that a node's random source is part of the search state. */
    private static final class SplitMix implements RandomGenerator {
        long state;

        @Override
        public long nextLong() {
            state += 0x9E3779B97F4A7C15L;
            return CanonicalState.mix(state);
        }
    }
}
