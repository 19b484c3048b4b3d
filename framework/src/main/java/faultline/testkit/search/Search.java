package faultline.testkit.search;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.sim.Simulation;
import faultline.framework.sim.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A search test's search: from a cluster's state (a simulation set up like any scenario, then frozen),
 * every order of events within the bounds is explored breadth first (or depth first, {@link #depthFirst}),
 * then seeded random probes go deeper.
 *
 * <p>The choices are the nondeterminism of a network and of timing: which pending message arrives next,
 * whether it is dropped or duplicated (each within a bound on the path), and which node's next timer fires
 * (a node's timers fire in the order of their due times; see {@link Transitions}). Every state reached is
 * checked against the invariants; goals are states the search looks for; prunes are states it does not
 * explore past. Visited states are kept as 64-bit fingerprints only ({@link CanonicalState}), so memory per
 * visited state is a few bytes; the breadth-first frontier holds whole states, a level at a time, while the
 * depth-first one holds only the path being explored.
 *
 * <p>A search is deterministic: the exhaustive part explores the same states in the same order on every
 * run, and probe {@code k} of seed {@code s} takes the same path every time. A violation is shortened
 * (events not needed for it are dropped, and the rest replayed to check it still fails), then run through
 * the simulator itself ({@link Simulation#scripted}), so it comes back as a short run with the simulator's
 * trace, drawn like any other. A search that runs out of its bounds
 * without a violation passes, and says how far it got.
 *
 * <pre>{@code
 * SearchResult result = Search.from(sim)
 *         .commands(CLIENT, new Append("k", "x"))
 *         .invariant(StatePredicate.named("every acknowledged Append is at the backup", s -> ...))
 *         .maxDepth(14).maxTime(Duration.ofSeconds(5))
 *         .probes(200, 40)
 *         .run(test.seed());
 * result.assertNoViolation(test);
 * }</pre>
 */
public final class Search {

    private final Snapshot snapshot;
    /** The faults the run that led to the start went through, as words: a failure names them. */
    private final List<String> startFaults;
    private final Map<Address, List<Command>> commands = new LinkedHashMap<>();
    private final List<StatePredicate> invariants = new ArrayList<>();
    private final List<StatePredicate> goals = new ArrayList<>();
    private final List<StatePredicate> prunes = new ArrayList<>();
    private int maxDepth = 12;
    private long maxStates = 1_000_000;
    private Duration maxTime = Duration.ofSeconds(10);
    private int maxDrops;
    private int maxDuplicates;
    private int probes;
    private int probeDepth = 40;
    private boolean stopAtGoal;
    private boolean depthFirst;

    private Search(Snapshot snapshot, List<String> startFaults) {
        if (snapshot.nodes().isEmpty()) {
            throw new IllegalArgumentException("A search needs at least one running node to start from");
        }
        this.snapshot = snapshot;
        this.startFaults = List.copyOf(startFaults);
    }

    /** A search from {@code simulation}'s state now; the simulation itself is not changed. */
    public static Search from(Simulation simulation) {
        return new Search(simulation.snapshot(),
                simulation.scenarios().stream().map(faultline.framework.fault.Scenario::toString).toList());
    }

    public static Search from(Snapshot snapshot) {
        return new Search(snapshot, List.of());
    }

    /** Gives {@code client} these commands, one after another as each returns; the first at the start. */
    public Search commands(Address client, Command... sequence) {
        commands.computeIfAbsent(client, c -> new ArrayList<>()).addAll(List.of(sequence));
        return this;
    }

    public Search invariant(StatePredicate invariant) {
        invariants.add(invariant);
        return this;
    }

    /** A state the search should reach; {@link SearchResult#reached} tells whether it did. */
    public Search goal(StatePredicate goal) {
        goals.add(goal);
        return this;
    }

    /** States past which the search does not explore (they are still checked). */
    public Search prune(StatePredicate prune) {
        prunes.add(prune);
        return this;
    }

    /** Stops the breadth-first search once every goal has been reached. */
    public Search stopAtGoals() {
        this.stopAtGoal = true;
        return this;
    }

    /**
     * Explores depth first instead of breadth first, to the same depth bound and over the same states: memory
     * grows with the fingerprints alone (9 bytes a state), not with a frontier of whole states, so a search
     * can go deeper within a small heap. The first violation found may not be the shortest.
     */
    public Search depthFirst() {
        this.depthFirst = true;
        return this;
    }

    public Search maxDepth(int depth) {
        this.maxDepth = depth;
        return this;
    }

    public Search maxStates(long states) {
        this.maxStates = states;
        return this;
    }

    public Search maxTime(Duration time) {
        this.maxTime = time;
        return this;
    }

    /** How many messages a path may drop (0 by default: a message that is never delivered is already explored). */
    public Search maxDrops(int drops) {
        this.maxDrops = drops;
        return this;
    }

    /** How many messages a path may deliver twice (0 by default). */
    public Search maxDuplicates(int duplicates) {
        this.maxDuplicates = duplicates;
        return this;
    }

    /** After the exhaustive part, {@code count} random walks of up to {@code depth} events each. */
    public Search probes(int count, int depth) {
        this.probes = count;
        this.probeDepth = depth;
        return this;
    }

    /** Runs the search; {@code seed} seeds the nodes' random sources and the probes. */
    public SearchResult run(long seed) {
        if (depthFirst && maxDepth > FingerprintSet.MAX_DEPTH) {
            throw new IllegalArgumentException("A depth-first search goes at most " + FingerprintSet.MAX_DEPTH
                    + " events deep, not " + maxDepth + "; lower maxDepth or search breadth first");
        }
        SearchSpace space = space();
        long started = System.nanoTime();
        long deadline = started + maxTime.toNanos();
        Engine engine = new Engine(space, seed);
        SearchState start;
        try {
            start = Transitions.start(space, snapshot, seed);
        } catch (HandlerFailure e) {
            return engine.violation("nodes handle every event without throwing", e.getMessage(), List.of(), started);
        }
        if (depthFirst) {
            engine.visited.addAtDepth(start.fingerprint, 0);
        } else {
            engine.visited.add(start.fingerprint);
        }
        Optional<SearchResult> bad = engine.check(start, started);
        if (bad.isPresent()) {
            return bad.get();
        }
        Exhaustive exhaustive = depthFirst ? depthFirst(engine, start, deadline, started)
                : breadthFirst(engine, start, deadline, started);
        if (exhaustive.violation().isPresent()) {
            return exhaustive.violation().get();
        }
        SearchResult.Bound bound = exhaustive.bound();
        long exhaustiveNanos = System.nanoTime() - started;
        for (int k = 0; k < probes && System.nanoTime() < deadline; k++) {
            Optional<SearchResult> found = engine.probe(start, k, started);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return engine.result(bound, Optional.empty(), exhaustiveNanos, started);
    }

    /** How the exhaustive part ended: the bound it stopped at, or the violation it found. */
    private record Exhaustive(SearchResult.Bound bound, Optional<SearchResult> violation) {
        static Exhaustive stopped(SearchResult.Bound bound) {
            return new Exhaustive(bound, Optional.empty());
        }

        static Exhaustive found(SearchResult violation) {
            return new Exhaustive(SearchResult.Bound.VIOLATION, Optional.of(violation));
        }
    }

    /** Level by level: the shortest path to a violation comes first; the frontier holds one level of states. */
    private Exhaustive breadthFirst(Engine engine, SearchState start, long deadline, long started) {
        List<SearchState> level = new ArrayList<>();
        if (!pruned(start)) {
            level.add(start);
        }
        int depth = 0;
        while (!level.isEmpty()) {
            if (depth >= maxDepth) {
                return Exhaustive.stopped(SearchResult.Bound.DEPTH);
            }
            List<SearchState> next = new ArrayList<>();
            for (SearchState state : level) {
                for (Event event : state.enabled()) {
                    SearchState after;
                    try {
                        after = Transitions.step(state, event).orElseThrow();
                    } catch (HandlerFailure e) {
                        return Exhaustive.found(engine.failure(state, event, e, started));
                    }
                    engine.transitions++;
                    if (!engine.visited.add(after.fingerprint)) {
                        continue;
                    }
                    Optional<SearchResult> bad = engine.check(after, started);
                    if (bad.isPresent()) {
                        return Exhaustive.found(bad.get());
                    }
                    if (stopAtGoal && !goals.isEmpty() && engine.reached.size() == goals.size()) {
                        return Exhaustive.stopped(SearchResult.Bound.GOALS);
                    }
                    if (!pruned(after)) {
                        next.add(after);
                    }
                    engine.peakFrontier = Math.max(engine.peakFrontier, next.size());
                    Optional<SearchResult.Bound> limit = engine.limit(deadline);
                    if (limit.isPresent()) {
                        return Exhaustive.stopped(limit.get());
                    }
                }
            }
            depth++;
            engine.depth = depth;
            level = next;
        }
        return Exhaustive.stopped(SearchResult.Bound.EXHAUSTED);
    }

    /**
     * Path by path, to the same depth bound: the frontier is the one path being explored (at most
     * {@code maxDepth} states, each with the index of its next event), so memory is the fingerprints (9 bytes
     * a state at full load) and not the states. A state reached again by a shorter path than before is explored
     * again from there, so every state within the bound is explored, as breadth first; the violation found
     * first may have a longer path than the shortest, and is shortened like any other.
     */
    private Exhaustive depthFirst(Engine engine, SearchState start, long deadline, long started) {
        if (pruned(start)) {
            return Exhaustive.stopped(SearchResult.Bound.EXHAUSTED);
        }
        List<Frame> stack = new ArrayList<>();
        stack.add(new Frame(start, start.enabled()));
        boolean cut = false;
        while (!stack.isEmpty()) {
            Frame top = stack.get(stack.size() - 1);
            if (top.next == top.events.size()) {
                stack.remove(stack.size() - 1);
                continue;
            }
            Event event = top.events.get(top.next++);
            SearchState after;
            try {
                after = Transitions.step(top.state, event).orElseThrow();
            } catch (HandlerFailure e) {
                return Exhaustive.found(engine.failure(top.state, event, e, started));
            }
            engine.transitions++;
            int depth = stack.size();
            FingerprintSet.Visit visit = engine.visited.addAtDepth(after.fingerprint, depth);
            if (visit == FingerprintSet.Visit.SEEN) {
                continue;
            }
            engine.depth = Math.max(engine.depth, depth);
            if (visit == FingerprintSet.Visit.NEW) {
                Optional<SearchResult> bad = engine.check(after, started);
                if (bad.isPresent()) {
                    return Exhaustive.found(bad.get());
                }
                if (stopAtGoal && !goals.isEmpty() && engine.reached.size() == goals.size()) {
                    return Exhaustive.stopped(SearchResult.Bound.GOALS);
                }
            }
            if (!pruned(after)) {
                if (depth < maxDepth) {
                    stack.add(new Frame(after, after.enabled()));
                    engine.peakFrontier = Math.max(engine.peakFrontier, stack.size());
                } else if (!cut && !after.enabled().isEmpty()) {
                    cut = true;
                }
            }
            Optional<SearchResult.Bound> limit = engine.limit(deadline);
            if (limit.isPresent()) {
                engine.depth = 0; // stopped part way along a path: no depth is known to be complete
                return Exhaustive.stopped(limit.get());
            }
        }
        return Exhaustive.stopped(cut ? SearchResult.Bound.DEPTH : SearchResult.Bound.EXHAUSTED);
    }

    /** One state on the depth-first path, its enabled events, and the index of the next one to take. */
    private static final class Frame {
        final SearchState state;
        final List<Event> events;
        int next;

        Frame(SearchState state, List<Event> events) {
            this.state = state;
            this.events = events;
        }
    }

    private boolean pruned(SearchState state) {
        for (StatePredicate prune : prunes) {
            if (prune.holds(state)) {
                return true;
            }
        }
        return false;
    }

    private SearchSpace space() {
        List<Address> addresses = new ArrayList<>();
        List<Function<Address, ? extends Node>> factories = new ArrayList<>();
        List<List<Command>> workloads = new ArrayList<>();
        for (Snapshot.NodeAt at : snapshot.nodes()) {
            addresses.add(at.address());
            factories.add(at.factory());
            workloads.add(List.copyOf(commands.getOrDefault(at.address(), List.of())));
        }
        for (Address client : commands.keySet()) {
            if (!addresses.contains(client)) {
                throw new IllegalArgumentException("The search gives commands to " + client
                        + ", but no node runs there; its nodes are " + addresses);
            }
        }
        return new SearchSpace(addresses, factories, workloads, maxDrops, maxDuplicates);
    }

    /** One run of the search: its counters, and what turns a bad state into a counterexample. */
    private final class Engine {
        final SearchSpace space;
        final long seed;
        final FingerprintSet visited = new FingerprintSet();
        final Map<String, List<Event>> reached = new LinkedHashMap<>();
        long transitions;
        int depth;
        int peakFrontier;
        int probesRun;
        long probeSteps;

        Engine(SearchSpace space, long seed) {
            this.space = space;
            this.seed = seed;
        }

        /** The bound on states or time the search has hit, if any (time is read every 256 transitions). */
        Optional<SearchResult.Bound> limit(long deadline) {
            if (visited.size() >= maxStates) {
                return Optional.of(SearchResult.Bound.STATES);
            }
            if ((transitions & 255) == 0 && System.nanoTime() > deadline) {
                return Optional.of(SearchResult.Bound.TIME);
            }
            return Optional.empty();
        }

        /** A node threw while handling {@code event} in {@code state}: that is a violation too. */
        SearchResult failure(SearchState state, Event event, HandlerFailure e, long started) {
            List<Event> path = new ArrayList<>(state.events());
            path.add(event);
            return violation("nodes handle every event without throwing", e.getMessage(), path, started);
        }

        Optional<SearchResult> check(SearchState state, long started) {
            for (StatePredicate invariant : invariants) {
                boolean holds;
                try {
                    holds = invariant.holds(state);
                } catch (RuntimeException e) {
                    return Optional.of(violation(invariant.name(), "checking it threw " + e, state.events(), started));
                }
                if (!holds) {
                    return Optional.of(violation(invariant.name(), "", state.events(), started));
                }
            }
            for (StatePredicate goal : goals) {
                if (!reached.containsKey(goal.name()) && goal.holds(state)) {
                    reached.put(goal.name(), state.events());
                }
            }
            return Optional.empty();
        }

        Optional<SearchResult> probe(SearchState start, int k, long started) {
            SplittableRandom random = new SplittableRandom(CanonicalState.mix(seed * 0x9E3779B97F4A7C15L + k));
            SearchState state = start;
            probesRun++;
            for (int step = 0; step < probeDepth; step++) {
                List<Event> enabled = state.enabled();
                if (enabled.isEmpty() || pruned(state)) {
                    break;
                }
                Event event = enabled.get(random.nextInt(enabled.size()));
                try {
                    state = Transitions.step(state, event).orElseThrow();
                } catch (HandlerFailure e) {
                    return Optional.of(failure(state, event, e, started));
                }
                probeSteps++;
                Optional<SearchResult> bad = check(state, started);
                if (bad.isPresent()) {
                    return bad;
                }
            }
            return Optional.empty();
        }

        SearchResult violation(String invariant, String detail, List<Event> path, long started) {
            long searchNanos = System.nanoTime() - started;
            Counterexample counterexample = Counterexample.shortened(space, snapshot, startFaults, seed, invariants,
                    invariant, detail, path);
            return result(SearchResult.Bound.VIOLATION, Optional.of(counterexample), searchNanos, started);
        }

        SearchResult result(SearchResult.Bound bound, Optional<Counterexample> counterexample, long exhaustiveNanos,
                            long started) {
            List<String> missed = new ArrayList<>();
            for (StatePredicate goal : goals) {
                if (!reached.containsKey(goal.name())) {
                    missed.add(goal.name());
                }
            }
            return new SearchResult(bound, counterexample, visited.size(), transitions, depth, peakFrontier,
                    visited.bytes(), probesRun, probeSteps, Duration.ofNanos(exhaustiveNanos),
                    Duration.ofNanos(System.nanoTime() - started), Map.copyOf(reached), List.copyOf(missed));
        }
    }
}
