package faultline.testkit.search;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Message;
import faultline.framework.Node;
import faultline.framework.NodeContext;
import faultline.framework.Result;
import faultline.framework.Timer;
import faultline.framework.cluster.NodeRandom;
import faultline.framework.cluster.RunSeeds;
import faultline.framework.network.Wire;
import faultline.framework.sim.Snapshot;
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
 * not move a clock. The simulator's scripted runs ({@link faultline.framework.sim.Simulation#scripted}) follow
 * the same rules, which is how a counterexample found here replays there ({@link SimulatedReplay}).
 */
final class Transitions {

    private Transitions() {
    }

    /** The start of a search: the snapshot's nodes copied, and each client given its first command. */
    static SearchState start(SearchSpace space, Snapshot snapshot, long seed) {
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
        }
        for (int i = 0; i < n; i++) {
            timers[i] = timerLists.get(i).toArray(new PendingTimer[0]);
        }
        Context context = new Context(nextId);
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
                run(nodes[i], context, () -> client.sendCommand(first), () -> "starting command " + first);
                issued[i] = 1;
                collectResults(nodes[i], client, workload, context, results, issued, i);
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
    static Optional<SearchState> step(SearchState state, Event event) {
        SearchSpace space = state.space;
        int depth = state.depthValue() + 1;
        Step path = new Step(state.path, event, depth);
        if (event.kind() == Event.Kind.FIRE) {
            int i = space.index(event.to());
            PendingTimer[] pending = state.timers[i];
            if (pending.length == 0 || !pending[0].owner().equals(event.to()) || !pending[0].timer().equals(event.payload())) {
                return Optional.empty();
            }
            return Optional.of(fire(state, i, path));
        }
        int j = state.find(event);
        if (j < 0) {
            return Optional.empty();
        }
        Envelope envelope = state.network[j];
        switch (event.kind()) {
            case DROP -> {
                Envelope[] network = without(state.network, j);
                return Optional.of(new SearchState(space, state.nodes, state.nodeHashes, state.clocks, state.randoms,
                        state.timers, network, state.networkHash - envelope.hash(), state.results, state.issued,
                        state.drops + 1, state.duplicates, state.nextId, path));
            }
            case DUPLICATE -> {
                return Optional.of(deliver(state, envelope, state.network, state.networkHash, 1, path));
            }
            default -> {
                return Optional.of(deliver(state, envelope, without(state.network, j),
                        state.networkHash - envelope.hash(), 0, path));
            }
        }
    }

    private static SearchState deliver(SearchState state, Envelope envelope, Envelope[] rest, long restHash,
                                       int duplicated, Step path) {
        int i = state.space.index(envelope.to());
        Context context = new Context(state.nextId);
        context.begin(state.clocks[i], state.randoms[i]);
        Node node = CanonicalState.copy(state.nodes[i], state.space.factory(i));
        CanonicalState.bind(node, context);
        run(node, context, () -> node.deliver(envelope.to(), Wire.carry(envelope.message()), envelope.from()),
                () -> "handling " + envelope.message() + " from " + envelope.from());
        return after(state, i, node, state.clocks[i], context, rest, restHash, duplicated, path);
    }

    private static SearchState fire(SearchState state, int i, Step path) {
        PendingTimer timer = state.timers[i][0];
        long clock = Math.max(state.clocks[i], timer.due());
        Context context = new Context(state.nextId);
        context.begin(clock, state.randoms[i]);
        Node node = CanonicalState.copy(state.nodes[i], state.space.factory(i));
        CanonicalState.bind(node, context);
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
            results = results.clone();
            issued = issued.clone();
            collectResults(node, client, workload, context, results, issued, i);
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

    /**
     * Takes client {@code i}'s results as the simulator does after each of its handlers: while it has one ready,
     * the result is kept and the next command handed over at once. Replaces {@code results[i]} and counts in
     * {@code issued[i]}; the caller passes arrays it may change.
     */
    private static void collectResults(Node node, Client client, List<Command> workload, Context context,
                                       Result[][] results, int[] issued, int i) {
        while (results[i].length < issued[i]
                && ask(node, context, client::hasResult, () -> "reporting whether it has a result")) {
            Result result = ask(node, context, client::takeResult, () -> "reporting its result");
            results[i] = Arrays.copyOf(results[i], results[i].length + 1);
            results[i][results[i].length - 1] = result;
            if (issued[i] < workload.size()) {
                Command next = workload.get(issued[i]);
                issued[i]++;
                run(node, context, () -> client.sendCommand(next), () -> "starting command " + next);
            }
        }
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
            throw new HandlerFailure(message, e);
        }
    }

    /** What one step's handler may use: the node's clock and random source; what it sends and sets is kept. */
    private static final class Context implements NodeContext {
        final List<Envelope> sent = new ArrayList<>(4);
        final List<PendingTimer> timers = new ArrayList<>(2);
        long nextId;
        long clock;
        final NodeRandom random = new NodeRandom(0);

        Context(long nextId) {
            this.nextId = nextId;
        }

        void begin(long clockNow, long randomState) {
            clock = clockNow;
            random.resume(randomState);
            sent.clear();
            timers.clear();
        }

        long randomState() {
            return random.state();
        }

        @Override
        public void send(Address from, Address to, Message message) {
            Envelope e = envelope(from, to, message, nextId++);
            sent.add(e);
        }

        @Override
        public void setTimer(Address owner, Timer timer, long delayMillis) {
            timers.add(pendingTimer(owner, timer, clock + delayMillis, nextId++));
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
            // Notes are for traces; the simulator's replay of a counterexample records them.
        }
    }
}
