package faultline.testkit.search;

import faultline.testkit.junit.TestRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a search found and how far it got.
 *
 * @param bound          why it stopped: a violation, every state explored, or which bound it ran into
 * @param counterexample the shortened run that breaks an invariant, when there is one
 * @param states         distinct states visited by the exhaustive part
 * @param transitions    events taken by the exhaustive part (revisits of known states included)
 * @param depth          the depth the exhaustive part explored completely
 * @param peakFrontier   the most states the frontier held at once: waiting at one depth (breadth first), or on
 *                       the path being explored (depth first)
 * @param visitedBytes   the memory of the visited set (fingerprints only)
 * @param probes         random probes run
 * @param probeSteps     events taken by the probes
 * @param exhaustiveTime time the exhaustive part took
 * @param totalTime      time the whole search took, shortening a counterexample included
 * @param reached        per goal reached, the path that first reached it
 * @param missed         the goals never reached
 */
public record SearchResult(Bound bound, Optional<Counterexample> counterexample, long states, long transitions,
                           int depth, int peakFrontier, long visitedBytes, int probes, long probeSteps,
                           Duration exhaustiveTime, Duration totalTime, Map<String, List<Event>> reached,
                           List<String> missed) {

    /** Why a search stopped. */
    public enum Bound { VIOLATION, EXHAUSTED, GOALS, DEPTH, STATES, TIME }

    /** States visited per second by the exhaustive part. */
    public double statesPerSecond() {
        double seconds = exhaustiveTime.toNanos() / 1e9;
        return seconds > 0 ? states / seconds : 0;
    }

    /** Bytes of the visited set per visited state. */
    public double bytesPerState() {
        return states > 0 ? (double) visitedBytes / states : 0;
    }

    /** How far the search got, in one line. */
    public String summary() {
        String why = switch (bound) {
            case VIOLATION -> "found a violation";
            case EXHAUSTED -> "explored every reachable state";
            case GOALS -> "reached every goal";
            case DEPTH -> "explored every state up to depth " + depth;
            case STATES -> "stopped at its bound of " + states + " states, depth " + depth + " complete";
            case TIME -> "ran out of time with depth " + depth + " complete";
        };
        return "The search " + why + ": " + states + " states, " + transitions + " transitions in "
                + exhaustiveTime.toMillis() + " ms (" + Math.round(statesPerSecond()) + " states/s), then "
                + probes + " random probes of " + probeSteps + " events in all.";
    }

    /**
     * Fails the test if the search broke an invariant: the failure names the invariant and lists the shortened
     * run, whose trace is kept for the dashboard's chart. A search that ran out of its bounds passes.
     */
    public void assertNoViolation(TestRun test) {
        if (counterexample.isPresent()) {
            Counterexample c = counterexample.get();
            test.keepTrace(c.trace(), "search counterexample: " + c.invariant() + " breaks after " + c.events().size()
                    + " events; " + c.start());
            throw new AssertionError(c.describe() + "\n  The counterexample "
                    + (c.replay() ? "replays to the same violation in the simulator."
                            : "did NOT replay to the same violation in the simulator.")
                    + "\n  " + summary());
        }
        // A search that ran out of its bounds passes, and its output says how far it got.
        System.out.println(summary());
    }

    /** Fails the test unless the search reached {@code goal} (checks for violations first). */
    public void assertReached(TestRun test, String goal) {
        assertNoViolation(test);
        if (!reached.containsKey(goal)) {
            throw new AssertionError("The search never reached a state where " + goal + ". " + summary());
        }
    }
}
