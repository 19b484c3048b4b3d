package faultline.testkit.search;

import faultline.framework.sim.Snapshot;
import faultline.framework.trace.Trace;
import faultline.framework.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run that breaks an invariant: the events from the search's start that lead to the bad state, shortened,
 * and their trace. The trace comes from running the events through the simulator itself, from the search's
 * start ({@link SimulatedReplay}), and {@link #replay} does that again and says whether the same invariant
 * breaks at the last event and not before.
 *
 * <p>Shortening is delta debugging: chunks of events (halves, then quarters, down to single events) are
 * left out in turn; a candidate whose replay still breaks the same invariant replaces the path. On replay an
 * event the state no longer enables (its message was never sent) is skipped, and the path kept is the events
 * that really happened, up to the first bad state. Shortening replays candidates through the search's own
 * runtime, which is faster; the kept run is then replayed in the simulator.
 */
public final class Counterexample {

    static final String HANDLER_FAILURE = "nodes handle every event without throwing";
    private static final int MAX_REPLAYS = 2_000;

    private final SearchSpace space;
    private final Snapshot snapshot;
    private final List<String> startFaults;
    private final long seed;
    private final List<StatePredicate> invariants;
    private final String invariant;
    private final String detail;
    private final List<Event> events;
    private final int originalLength;
    private final Trace trace;

    private Counterexample(SearchSpace space, Snapshot snapshot, List<String> startFaults, long seed,
                           List<StatePredicate> invariants, String invariant, String detail, List<Event> events,
                           int originalLength) {
        this.space = space;
        this.snapshot = snapshot;
        this.startFaults = List.copyOf(startFaults);
        this.seed = seed;
        this.invariants = List.copyOf(invariants);
        this.invariant = invariant;
        this.detail = detail;
        this.events = List.copyOf(events);
        this.originalLength = originalLength;
        this.trace = SimulatedReplay.run(space, snapshot, seed, events, invariants, invariant).trace();
        List<TraceEvent> recorded = trace.events();
        long end = recorded.isEmpty() ? snapshot.time() : recorded.get(recorded.size() - 1).time();
        trace.record(new TraceEvent(end, TraceEvent.Kind.ERROR, "", "", 0,
                "invariant broken: " + invariant + (detail.isEmpty() ? "" : " (" + detail + ")")));
    }

    static Counterexample shortened(SearchSpace space, Snapshot snapshot, List<String> startFaults, long seed,
                                    List<StatePredicate> invariants, String invariant, String detail,
                                    List<Event> found) {
        Shortening shortening = new Shortening(space, snapshot, seed, invariants, invariant);
        List<Event> path = shortening.failingPrefix(found).orElse(found);
        int chunk = Math.max(1, path.size() / 2);
        while (chunk >= 1 && shortening.replays < MAX_REPLAYS) {
            boolean shorter = false;
            for (int from = 0; from < path.size() && shortening.replays < MAX_REPLAYS; ) {
                List<Event> candidate = new ArrayList<>(path.subList(0, from));
                candidate.addAll(path.subList(Math.min(path.size(), from + chunk), path.size()));
                Optional<List<Event>> still = shortening.failingPrefix(candidate);
                if (still.isPresent() && still.get().size() < path.size()) {
                    path = still.get();
                    shorter = true;
                } else {
                    from += chunk;
                }
            }
            if (!shorter) {
                chunk /= 2;
            }
        }
        return new Counterexample(space, snapshot, startFaults, seed, invariants, invariant, detail, path,
                found.size());
    }

    /** The invariant the run breaks. */
    public String invariant() {
        return invariant;
    }

    /** Where the search began, in words: the faults of the run it was frozen from, for a failure to name. */
    public String start() {
        return startFaults.isEmpty() ? "no faults before the search began"
                : "the search began after " + String.join("; ", startFaults);
    }

    /** The events from the search's start to the bad state, shortened. */
    public List<Event> events() {
        return events;
    }

    /** How many events the search's own path to the violation had, before shortening. */
    public int foundLength() {
        return originalLength;
    }

    /** The run as the simulator traced it: what the dashboard draws as a message-sequence chart. */
    public Trace trace() {
        return trace;
    }

    /**
     * Runs the events again through the simulator, from the search's start; true when every event happens and the
     * same invariant breaks at the last one, and not before.
     */
    public boolean replay() {
        return SimulatedReplay.run(space, snapshot, seed, events, invariants, invariant).sameViolation();
    }

    /** The run in words: the invariant, then one line per event. */
    public String describe() {
        StringBuilder text = new StringBuilder("Invariant broken: ").append(invariant);
        if (!detail.isEmpty()) {
            text.append(" (").append(detail).append(')');
        }
        text.append("\n  after these ").append(events.size()).append(" events from the search's start");
        if (originalLength > events.size()) {
            text.append(" (shortened from ").append(originalLength).append(')');
        }
        text.append(':');
        for (int i = 0; i < events.size(); i++) {
            text.append("\n    ").append(i + 1).append(". ").append(events.get(i));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Replays candidate paths and tells whether they still break the invariant. */
    private static final class Shortening {
        final SearchSpace space;
        final Snapshot snapshot;
        final long seed;
        final List<StatePredicate> invariants;
        final String invariant;
        int replays;

        Shortening(SearchSpace space, Snapshot snapshot, long seed, List<StatePredicate> invariants, String invariant) {
            this.space = space;
            this.snapshot = snapshot;
            this.seed = seed;
            this.invariants = invariants;
            this.invariant = invariant;
        }

        /** The events of {@code candidate} that happen, up to the first state that breaks the invariant; empty if none does. */
        Optional<List<Event>> failingPrefix(List<Event> candidate) {
            replays++;
            List<Event> applied = new ArrayList<>();
            SearchState state;
            try {
                state = Transitions.start(space, snapshot, seed);
            } catch (HandlerFailure e) {
                return invariant.equals(HANDLER_FAILURE) ? Optional.of(applied) : Optional.empty();
            }
            if (breaks(state)) {
                return Optional.of(applied);
            }
            for (Event event : candidate) {
                Optional<SearchState> next;
                try {
                    next = Transitions.step(state, event);
                } catch (HandlerFailure e) {
                    if (invariant.equals(HANDLER_FAILURE)) {
                        applied.add(event);
                        return Optional.of(applied);
                    }
                    return Optional.empty();
                }
                if (next.isEmpty()) {
                    continue;
                }
                state = next.get();
                applied.add(event);
                if (breaks(state)) {
                    return Optional.of(applied);
                }
            }
            return Optional.empty();
        }

        private boolean breaks(SearchState state) {
            for (StatePredicate each : invariants) {
                if (each.name().equals(invariant)) {
                    try {
                        return !each.holds(state);
                    } catch (RuntimeException e) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
