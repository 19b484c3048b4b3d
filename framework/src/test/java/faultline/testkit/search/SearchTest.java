package faultline.testkit.search;

import static faultline.testkit.search.Toys.CLIENT;
import static faultline.testkit.search.Toys.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.sim.Simulation;
import faultline.framework.trace.TraceEvent;
import faultline.testkit.search.Toys.Counter;
import faultline.testkit.search.Toys.Increment;
import faultline.testkit.search.Toys.Incrementer;
import faultline.testkit.search.Toys.TwoTimers;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTest {

    private static final StatePredicate COUNTED_ONCE = StatePredicate.named("each increment is counted once",
            s -> s.node(SERVER, Counter.class).count() <= s.results(CLIENT).size() + 1);
    private static final StatePredicate ANSWERED = StatePredicate.named("the client got its answer",
            s -> s.results(CLIENT).size() == 1);

    private static Simulation counter(boolean deduplicate) {
        Simulation sim = Simulation.seeded(1);
        sim.add(SERVER, a -> new Counter(a, deduplicate));
        sim.add(CLIENT, Incrementer::new);
        return sim;
    }

    /** Only the client's resend timer: a bounded window of time. */
    private static Search window(Simulation sim, int resends) {
        long start = sim.now();
        return Search.from(sim)
                .commands(CLIENT, new Increment(1))
                .prune(StatePredicate.named("past the window", s -> s.clock(CLIENT) > start + 10L * resends));
    }

    @Test
    void aCorrectProtocolExhaustsItsSpaceAndReachesItsGoal() {
        SearchResult result = window(counter(true), 2).maxDuplicates(1).invariant(COUNTED_ONCE).goal(ANSWERED)
                .run(1);
        assertEquals(SearchResult.Bound.EXHAUSTED, result.bound(), result.summary());
        assertTrue(result.counterexample().isEmpty());
        assertTrue(result.reached().containsKey(ANSWERED.name()));
        assertTrue(result.states() > 10, result.summary());
        SearchResult again = window(counter(true), 2).maxDuplicates(1).invariant(COUNTED_ONCE).goal(ANSWERED).run(1);
        assertEquals(result.states(), again.states(), "the search is deterministic");
        assertEquals(result.transitions(), again.transitions());
    }

    @Test
    void aResentRequestCountedTwiceIsFoundWithTheShortestRun() {
        SearchResult result = window(counter(false), 1).invariant(COUNTED_ONCE).run(1);
        assertEquals(SearchResult.Bound.VIOLATION, result.bound());
        Counterexample c = result.counterexample().orElseThrow();
        assertEquals(COUNTED_ONCE.name(), c.invariant());
        // The resend fires and both copies of the request arrive: three events, none of them needless.
        assertEquals(List.of(Event.Kind.DELIVER, Event.Kind.DELIVER, Event.Kind.FIRE),
                c.events().stream().map(Event::kind).sorted().toList(), c.describe());
        assertEquals(Event.Kind.DELIVER, c.events().get(2).kind(), "the violation comes with the second delivery");
        assertTrue(c.replay(), "the counterexample replays to the same violation");
        List<TraceEvent> trace = c.trace().events();
        assertEquals(TraceEvent.Kind.ERROR, trace.get(trace.size() - 1).kind());
        assertEquals(2, trace.stream().filter(e -> e.kind() == TraceEvent.Kind.DELIVER).count());
        assertTrue(trace.stream().anyMatch(e -> e.kind() == TraceEvent.Kind.INVOKE));
        // A send and its delivery share an id, as in the simulator's traces, so the chart can draw the arrow.
        long delivered = trace.stream().filter(e -> e.kind() == TraceEvent.Kind.DELIVER).findFirst().orElseThrow()
                .messageId();
        assertTrue(trace.stream().anyMatch(e -> e.kind() == TraceEvent.Kind.SEND && e.messageId() == delivered));
    }

    @Test
    void duplicatesAreChoicesWithinTheirBound() {
        // Without any resend, only a duplicating network can count the request twice.
        assertTrue(window(counter(false), 0).invariant(COUNTED_ONCE).run(1).counterexample().isEmpty());
        Counterexample c = window(counter(false), 0).maxDuplicates(1).invariant(COUNTED_ONCE).run(1)
                .counterexample().orElseThrow();
        assertEquals(List.of(Event.Kind.DUPLICATE, Event.Kind.DELIVER), c.events().stream().map(Event::kind).toList());
    }

    @Test
    void probesFindDeepViolationsAndTheyAreShortened() {
        // No exhaustive search at all: only random probes, which wander before they stumble on the bug.
        SearchResult first = window(counter(false), 6).maxDepth(0).maxDuplicates(3).probes(200, 30)
                .invariant(COUNTED_ONCE).run(42);
        Counterexample c = first.counterexample().orElseThrow();
        assertTrue(c.events().size() <= 3, c.describe());
        assertTrue(c.foundLength() >= c.events().size());
        assertTrue(c.replay());
        SearchResult second = window(counter(false), 6).maxDepth(0).maxDuplicates(3).probes(200, 30)
                .invariant(COUNTED_ONCE).run(42);
        assertEquals(first.probes(), second.probes(), "the same seed takes the same probes");
        assertEquals(first.probeSteps(), second.probeSteps());
        assertEquals(c.events(), second.counterexample().orElseThrow().events());
    }

    @Test
    void aSearchThatRunsOutOfItsBoundPassesAndSaysHowFar() {
        SearchResult result = window(counter(true), 50).maxDuplicates(2).maxDepth(4).invariant(COUNTED_ONCE).run(1);
        assertEquals(SearchResult.Bound.DEPTH, result.bound());
        assertEquals(4, result.depth());
        assertTrue(result.summary().contains("up to depth 4"), result.summary());
        SearchResult capped = window(counter(true), 50).maxDuplicates(2).maxStates(20).invariant(COUNTED_ONCE).run(1);
        assertEquals(SearchResult.Bound.STATES, capped.bound());
        assertEquals(20, capped.states());
    }

    @Test
    void aNodesTimersFireInTheOrderOfTheirDelays() {
        Address node = Address.of("timers");
        Simulation sim = Simulation.seeded(1);
        sim.add(node, TwoTimers::new);
        SearchResult result = Search.from(sim)
                .invariant(StatePredicate.named("the fast timer fires first",
                        s -> s.node(node, TwoTimers.class).fired().indexOf("slow") != 0))
                .goal(StatePredicate.named("both fired", s -> s.node(node, TwoTimers.class).fired().size() == 2))
                .run(1);
        assertEquals(SearchResult.Bound.EXHAUSTED, result.bound());
        assertEquals(3, result.states(), "one order only: start, fast fired, both fired");
        assertTrue(result.reached().containsKey("both fired"));
    }

    @Test
    void aHandlerThatThrowsIsAViolationWithItsPath() {
        Simulation sim = Simulation.seeded(1);
        sim.add(SERVER, TwoTimers::new); // no handler for the client's request
        sim.add(CLIENT, Incrementer::new);
        SearchResult result = Search.from(sim).commands(CLIENT, new Increment(1)).run(1);
        Counterexample c = result.counterexample().orElseThrow();
        assertEquals(Counterexample.HANDLER_FAILURE, c.invariant());
        assertEquals(Event.Kind.DELIVER, c.events().get(c.events().size() - 1).kind(), c.describe());
        assertTrue(c.describe().contains("no handler"), c.describe());
        assertTrue(c.replay());
        assertTrue(c.trace().events().stream().anyMatch(e -> e.kind() == TraceEvent.Kind.ERROR));
    }

    @Test
    void depthFirstExploresTheSameStatesAsBreadthFirstWithinTheBound() {
        for (int depth : new int[] {3, 5, 8}) {
            SearchResult wide = window(counter(true), 50).maxDuplicates(2).maxDepth(depth).invariant(COUNTED_ONCE)
                    .goal(ANSWERED).run(1);
            SearchResult deep = window(counter(true), 50).maxDuplicates(2).maxDepth(depth).invariant(COUNTED_ONCE)
                    .goal(ANSWERED).depthFirst().run(1);
            assertEquals(wide.states(), deep.states(), "depth " + depth + ": every state within the bound, once: "
                    + wide.summary() + " / " + deep.summary());
            assertEquals(wide.bound(), deep.bound());
            assertEquals(wide.reached().keySet(), deep.reached().keySet());
            assertTrue(deep.peakFrontier() <= depth, "the depth-first frontier is the path: " + deep.peakFrontier());
        }
        SearchResult all = window(counter(true), 2).maxDuplicates(1).invariant(COUNTED_ONCE).depthFirst().run(1);
        assertEquals(SearchResult.Bound.EXHAUSTED, all.bound(), all.summary());
        assertEquals(window(counter(true), 2).maxDuplicates(1).invariant(COUNTED_ONCE).run(1).states(), all.states());
    }

    @Test
    void depthFirstFindsTheViolationAndItIsShortened() {
        SearchResult result = window(counter(false), 6).maxDuplicates(3).maxDepth(12).invariant(COUNTED_ONCE)
                .depthFirst().run(1);
        assertEquals(SearchResult.Bound.VIOLATION, result.bound());
        Counterexample c = result.counterexample().orElseThrow();
        assertTrue(c.events().size() <= 3, "found deep, shortened to the events it needs: " + c.describe());
        assertTrue(c.replay());
        assertEquals(c.events(), window(counter(false), 6).maxDuplicates(3).maxDepth(12).invariant(COUNTED_ONCE)
                .depthFirst().run(1).counterexample().orElseThrow().events(), "depth first is deterministic too");
    }
}
