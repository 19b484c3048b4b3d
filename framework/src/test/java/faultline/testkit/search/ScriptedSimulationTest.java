package faultline.testkit.search;

import static faultline.testkit.search.Toys.CLIENT;
import static faultline.testkit.search.Toys.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Result;
import faultline.framework.sim.Simulation;
import faultline.framework.sim.Snapshot;
import faultline.framework.trace.TraceEvent;
import faultline.testkit.search.Toys.Counter;
import faultline.testkit.search.Toys.Done;
import faultline.testkit.search.Toys.Increment;
import faultline.testkit.search.Toys.Incrementer;
import faultline.testkit.search.Toys.Resend;
import faultline.testkit.search.Toys.TwoTimers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The simulator run by an explicit schedule: what a counterexample's replay stands on. */
class ScriptedSimulationTest {

    private static final Address TIMERS = Address.of("timers");

    /** A scripted simulation from {@code clocked}'s state now, the nodes copied as a search copies them. */
    private static Simulation scripted(Simulation clocked) {
        Snapshot start = clocked.snapshot();
        return Simulation.scripted(1, 1_000, start, (at, context) -> {
            var copy = CanonicalState.copy(at.node(), at.factory());
            CanonicalState.bind(copy, context);
            return copy;
        }, address -> new SplittableRandom(7));
    }

    @Test
    void messagesWaitForTheScheduleAndEachStepRunsTheNormalHandlers() {
        Simulation clocked = Simulation.seeded(1);
        clocked.add(SERVER, a -> new Counter(a, false));
        clocked.add(CLIENT, Incrementer::new);
        clocked.runFor(100);
        Simulation sim = scripted(clocked);
        List<Result> results = new ArrayList<>();
        sim.invoke(CLIENT, new Increment(1), (client, command, result, a, b) -> results.add(result));

        List<Simulation.HeldMessage> held = sim.held();
        assertEquals(1, held.size(), "the request waits in the network: " + held);
        long request = held.get(0).id();
        assertEquals(new Increment(1), held.get(0).message());
        assertEquals(new Resend(), sim.nextTimer(CLIENT).orElseThrow().timer());
        assertEquals(110, sim.nextTimer(CLIENT).orElseThrow().due(), "due 10 ms after the client's clock");

        assertTrue(sim.duplicate(request));
        assertEquals(2, sim.held().size(), "a duplicate leaves the message in the network, and the answer joins it");
        assertTrue(sim.deliver(request));
        assertEquals(2, ((Counter) sim.node(SERVER).orElseThrow()).count(), "the counter counted both copies");
        assertFalse(sim.deliver(request), "a delivered message is no longer held");
        assertEquals(List.of(new Done(1), new Done(2)), sim.held().stream().map(Simulation.HeldMessage::message).toList());

        assertTrue(sim.fire(CLIENT));
        assertEquals(110, sim.clock(CLIENT), "firing moves the node's clock to the timer's due time");
        assertEquals(100, sim.clock(SERVER), "and no other node's");
        assertEquals(3, sim.held().size(), "the resend is held too");
        assertFalse(sim.fire(SERVER), "the server has no timer to fire");

        long firstAnswer = sim.held().get(0).id();
        assertTrue(sim.drop(firstAnswer));
        assertTrue(results.isEmpty());
        assertTrue(sim.deliver(sim.held().get(0).id()));
        assertEquals(List.of(new Done(2)), results, "the result is collected as in any simulation");

        List<TraceEvent.Kind> kinds = sim.trace().events().stream().map(TraceEvent::kind).toList();
        assertEquals(List.of(TraceEvent.Kind.INVOKE, TraceEvent.Kind.SEND, TraceEvent.Kind.TIMER_SET,
                TraceEvent.Kind.DUPLICATE, TraceEvent.Kind.DELIVER, TraceEvent.Kind.SEND,
                TraceEvent.Kind.DELIVER, TraceEvent.Kind.SEND,
                TraceEvent.Kind.TIMER_FIRE, TraceEvent.Kind.SEND, TraceEvent.Kind.TIMER_SET,
                TraceEvent.Kind.DROP, TraceEvent.Kind.DELIVER, TraceEvent.Kind.RETURN), kinds);
        List<Long> times = sim.trace().events().stream().map(TraceEvent::time).toList();
        assertEquals(List.of(100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L, 110L, 110L, 110L, 110L, 110L, 110L),
                times, "a scripted run's time is the latest of its nodes' clocks");
        assertEquals(110, sim.now());
        assertThrows(IllegalStateException.class, () -> sim.runFor(10), "only the schedule moves a scripted run");
    }

    @Test
    void timersFireInDueOrderOnTheirNodesClock() {
        Simulation clocked = Simulation.seeded(1);
        clocked.add(TIMERS, TwoTimers::new);
        Simulation sim = scripted(clocked);
        assertEquals(new Toys.Tick("fast"), sim.nextTimer(TIMERS).orElseThrow().timer());
        assertTrue(sim.fire(TIMERS));
        assertEquals(5, sim.clock(TIMERS));
        assertTrue(sim.fire(TIMERS));
        assertEquals(30, sim.clock(TIMERS));
        assertFalse(sim.fire(TIMERS));
        assertEquals(List.of("fast", "slow"), ((TwoTimers) sim.node(TIMERS).orElseThrow()).fired());
    }

    @Test
    void aSimulationRunByItsClockHoldsNothing() {
        Simulation clocked = Simulation.seeded(1);
        assertThrows(IllegalStateException.class, () -> clocked.deliver(1));
        assertThrows(IllegalStateException.class, clocked::held);
    }
}
