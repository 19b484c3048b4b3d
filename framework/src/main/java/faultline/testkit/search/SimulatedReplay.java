package faultline.testkit.search;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.Result;
import faultline.framework.cluster.ClientListener;
import faultline.framework.cluster.NodeFailure;
import faultline.framework.cluster.NodeRandom;
import faultline.framework.cluster.RunSeeds;
import faultline.framework.sim.Simulation;
import faultline.framework.sim.Snapshot;
import faultline.framework.trace.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A counterexample's events run again through the simulator itself. A {@link Simulation#scripted scripted}
 * simulation continues from the search's start snapshot, with each node copied as the search copied it, its
 * clock where the snapshot left it and its random source seeded as the search seeded it; the clients get the
 * search's commands. Each event then becomes one step of the simulation's schedule: a delivery, duplicate or
 * drop names the first held message from the same sender to the same receiver with an equal payload (the
 * search's own rule), and a timer event fires its node's earliest-due timer. The handlers, results and trace
 * are the simulator's, and the invariant is checked after every step.
 */
final class SimulatedReplay implements ClusterState, ClientListener {

    /** What the replay did: its trace, and whether the invariant first broke at the last event (and no sooner). */
    record Outcome(Trace trace, boolean sameViolation) {
    }

    private final SearchSpace space;
    private final Simulation sim;
    private final Map<Address, List<Result>> results = new LinkedHashMap<>();
    private int steps;

    private SimulatedReplay(SearchSpace space, Snapshot snapshot, long seed, int traceCapacity) {
        this.space = space;
        this.sim = Simulation.scripted(seed, traceCapacity, snapshot, (at, context) -> {
            Node copy = CanonicalState.copy(at.node(), at.factory());
            CanonicalState.bind(copy, context);
            return copy;
        }, address -> new NodeRandom(RunSeeds.node(seed, address, 1)));
    }

    static Outcome run(SearchSpace space, Snapshot snapshot, long seed, List<Event> events,
                       List<StatePredicate> invariants, String invariant) {
        SimulatedReplay replay = new SimulatedReplay(space, snapshot, seed, Math.max(1_000, events.size() * 40));
        boolean handlerFailed = false;
        try {
            for (int i = 0; i < space.size(); i++) {
                List<Command> workload = space.workload(i);
                if (!workload.isEmpty()) {
                    replay.results.put(space.address(i), new ArrayList<>());
                    replay.sim.invoke(space.address(i), workload.get(0), replay);
                }
            }
        } catch (NodeFailure e) {
            handlerFailed = true;
        }
        if (handlerFailed || replay.breaks(invariants, invariant)) {
            return new Outcome(replay.sim.trace(), events.isEmpty()
                    && handlerFailed == invariant.equals(Counterexample.HANDLER_FAILURE));
        }
        for (int k = 0; k < events.size(); k++) {
            boolean last = k == events.size() - 1;
            try {
                if (!replay.step(events.get(k))) {
                    return new Outcome(replay.sim.trace(), false); // the simulator does not enable this event
                }
            } catch (NodeFailure e) {
                return new Outcome(replay.sim.trace(), last && invariant.equals(Counterexample.HANDLER_FAILURE));
            }
            if (replay.breaks(invariants, invariant)) {
                return new Outcome(replay.sim.trace(), last);
            }
        }
        return new Outcome(replay.sim.trace(), false);
    }

    /** Takes {@code event} as the simulation's next step; false when no held message or timer matches it. */
    private boolean step(Event event) {
        steps++;
        if (event.kind() == Event.Kind.FIRE) {
            Optional<Snapshot.TimerDue> next = sim.nextTimer(event.to());
            if (next.isEmpty() || !next.get().owner().equals(event.to()) || !next.get().timer().equals(event.payload())) {
                return false;
            }
            return sim.fire(event.to());
        }
        for (Simulation.HeldMessage m : sim.held()) {
            if (m.from().equals(event.from()) && m.to().equals(event.to()) && m.message().equals(event.payload())) {
                return switch (event.kind()) {
                    case DELIVER -> sim.deliver(m.id());
                    case DUPLICATE -> sim.duplicate(m.id());
                    case DROP -> sim.drop(m.id());
                    case FIRE -> throw new IllegalStateException("a timer is not a message");
                };
            }
        }
        return false;
    }

    private boolean breaks(List<StatePredicate> invariants, String invariant) {
        for (StatePredicate each : invariants) {
            if (each.name().equals(invariant)) {
                try {
                    return !each.holds(this);
                } catch (RuntimeException e) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void returned(Address client, Command command, Result result, long invokedAt, long returnedAt) {
        List<Result> got = results.get(client);
        got.add(result);
        List<Command> workload = space.workload(space.index(client));
        if (got.size() < workload.size()) {
            sim.invoke(client, workload.get(got.size()), this);
        }
    }

    @Override
    public <N extends Node> N node(Address address, Class<N> type) {
        Node node = sim.node(address).orElseThrow(() -> new IllegalArgumentException("No node runs at " + address));
        if (!type.isInstance(node)) {
            throw new IllegalArgumentException("The node at " + address + " is a " + node.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(node);
    }

    @Override
    public List<Node> nodes() {
        return sim.nodes();
    }

    @Override
    public List<Result> results(Address client) {
        return List.copyOf(results.getOrDefault(client, List.of()));
    }

    @Override
    public long clock(Address address) {
        return sim.clock(address);
    }

    @Override
    public int messagesInFlight() {
        return sim.held().size();
    }

    @Override
    public int depth() {
        return steps;
    }
}
