package faultline.suites.paxoskv;

import faultline.framework.Address;
import faultline.framework.fault.Delay;
import faultline.framework.fault.Links;
import faultline.framework.fault.Scenario;
import faultline.framework.sim.Simulation;
import faultline.labs.paxos.Status;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;
import faultline.testkit.search.ClusterState;
import faultline.testkit.search.Search;
import faultline.testkit.search.SearchResult;
import faultline.testkit.search.StatePredicate;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lab 3's search tests: Paxos peers with competing proposals, from the instant they start, through every
 * order in which their messages arrive and their round timeouts fire, within a short window of time, then
 * seeded random probes deeper. Agreement must hold in every state reached, not only at the end of a run.
 */
public class PaxosSearchSuite {

    /** How far past the start each peer's clock may go: about two of its round timeouts. */
    static final long WINDOW_MILLIS = 60;

    static StatePredicate agreement(List<Address> hosts, Set<Serializable> proposed) {
        return StatePredicate.named("no two peers decide differently, and only a proposed value is decided", s -> {
            Serializable seen = null;
            for (Address host : hosts) {
                PaxosPeer peer = s.node(host, PaxosPeer.class);
                Status status = peer.paxos().status(0);
                for (Serializable value : decided(status, peer.learned())) {
                    if (!proposed.contains(value) || seen != null && !seen.equals(value)) {
                        return false;
                    }
                    seen = value;
                }
            }
            return true;
        });
    }

    private static List<Serializable> decided(Status status, Map<Integer, Serializable> learned) {
        List<Serializable> values = new java.util.ArrayList<>();
        status.value().ifPresent(values::add);
        if (learned.containsKey(0)) {
            values.add(learned.get(0));
        }
        return values;
    }

    static StatePredicate reportedOnce(List<Address> hosts) {
        return StatePredicate.named("each peer reports a decision to its host at most once",
                s -> hosts.stream().allMatch(h -> s.node(h, PaxosPeer.class).reports().values().stream()
                        .allMatch(count -> count == 1)));
    }

    static StatePredicate someoneDecided(List<Address> hosts) {
        return StatePredicate.named("a peer knows instance 0 is decided",
                s -> hosts.stream().anyMatch(h -> s.node(h, PaxosPeer.class).paxos().status(0).isDecided()));
    }

    /**
     * A search within the window from now, checking what every test here asserts: peers agree on the proposed
     * values "a" and "b", and each decision is reported once.
     */
    private static Search safetyWithinWindow(PaxosWorld world) {
        long start = world.sim.now();
        return Search.from(world.sim)
                .prune(StatePredicate.named("past the window",
                        s -> world.hosts.stream().anyMatch(h -> s.clock(h) > start + WINDOW_MILLIS)))
                .maxTime(Duration.ofSeconds(60))
                .invariant(agreement(world.hosts, Set.of("a", "b")))
                .invariant(reportedOnce(world.hosts));
    }

    @SeededTest
    @Points(10)
    @Category(TestCategory.CONCURRENCY)
    @Description("Search: two of three peers propose different values for one instance at the same moment; in"
            + " every order of deliveries and round timeouts, no two peers decide differently.")
    void competingProposersAgreeInEveryInterleaving(TestRun test) {
        PaxosWorld world = new PaxosWorld(Simulation.seeded(test.seed()), 3);
        world.start(0, 0, "a");
        world.start(1, 0, "b");
        SearchResult result = safetyWithinWindow(world)
                .maxDepth(6)
                .goal(someoneDecided(world.hosts))
                .probes(200, 40)
                .run(test.seed());
        result.assertReached(test, someoneDecided(world.hosts).name());
    }

    @SeededTest
    @Points(10)
    @Category(TestCategory.CONCURRENCY)
    @Description("Search: once a value is chosen, a peer that has not heard of it proposes another; in every order"
            + " of deliveries and round timeouts, it decides the chosen value, never its own.")
    void lateProposerAdoptsTheChosenValue(TestRun test) {
        PaxosWorld world = new PaxosWorld(Simulation.seeded(test.seed()), 3);
        world.start(0, 0, "a");
        org.junit.jupiter.api.Assertions.assertTrue(world.sim.runUntil(() -> world.status(0, 0).isDecided(), 2_000),
                "p0 alone proposing should decide instance 0 within 2000 ms on a reliable network");
        // p0's Decided messages are still in flight: p1 has not heard, and proposes afresh.
        world.start(1, 0, "b");
        Address late = world.hosts.get(1);
        StatePredicate lateDecided = StatePredicate.named("p1 knows instance 0 is decided",
                s -> s.node(late, PaxosPeer.class).paxos().status(0).isDecided());
        SearchResult result = safetyWithinWindow(world)
                .maxDepth(6)
                .goal(lateDecided)
                .probes(200, 40)
                .run(test.seed());
        result.assertReached(test, lateDecided.name());
    }

    /** How long a scripted hold keeps messages in the network: far past the search's start. */
    static final long HELD_MILLIS = 60_000;

    @SeededTest
    @Points(10)
    @Category(TestCategory.CONCURRENCY)
    @Description("Search: p0 has a majority of promises and its Accept to p2 is held up in the network while p1"
            + " proposes another value; in every order of deliveries, p2 never accepts p0's proposal once it has"
            + " promised p1's higher one, so no two peers decide differently.")
    void olderAcceptArrivingLateIsRefused(TestRun test) {
        PaxosWorld world = new PaxosWorld(Simulation.seeded(test.seed()), 3);
        Address p0 = world.hosts.get(0);
        Address p1 = world.hosts.get(1);
        Address p2 = world.hosts.get(2);
        world.apply(Scenario.named("p0 and p1 cannot reach each other; p2 reaches both")
                .at(0).partition(Set.of(p0), Set.of(p1)).build());
        world.start(0, 0, "a");
        awaitDrained(world, p0, p2, "p0's first messages to p2 should arrive");
        world.apply(Scenario.named("p0's later messages to p2 held up")
                .at(0).delay(Delay.between(HELD_MILLIS, HELD_MILLIS), Links.between(p0, p2)).build());
        awaitDrained(world, p2, p0, "p2's answers to p0 should arrive");
        world.start(1, 0, "b");
        SearchResult result = safetyWithinWindow(world)
                .maxDepth(6)
                .goal(someoneDecided(world.hosts))
                .probes(100, 30)
                .run(test.seed());
        result.assertReached(test, someoneDecided(world.hosts).name());
    }

    @SeededTest
    @Points(10)
    @Category(TestCategory.CONCURRENCY)
    @Description("Search: p2's promise to p0's first round is held up in the network until p0 has moved on to a"
            + " later round and p2 has accepted p1's value; whenever it arrives, in every order of deliveries, it"
            + " does not count for p0's later round, so no two peers decide differently.")
    void promiseFromAnEarlierRoundIsNotCounted(TestRun test) {
        PaxosWorld world = new PaxosWorld(Simulation.seeded(test.seed()), 3);
        Address p0 = world.hosts.get(0);
        Address p1 = world.hosts.get(1);
        Address p2 = world.hosts.get(2);
        world.apply(Scenario.named("p0 and p1 cannot reach each other; p2's messages to p0 held up")
                .at(0).partition(Set.of(p0), Set.of(p1))
                .at(0).delay(Delay.between(HELD_MILLIS, HELD_MILLIS), Links.between(p2, p0)).build());
        world.start(0, 0, "a");
        awaitDrained(world, p0, p2, "p0's first messages to p2 should arrive");
        world.start(1, 0, "b");
        // p1's Prepare reaches p2, then its Accept: once p2 has it, p1's later messages to p2 are held up,
        // so that p2 does not hear the decision.
        awaitDrained(world, p1, p2, "p1's first messages to p2 should arrive");
        org.junit.jupiter.api.Assertions.assertTrue(world.sim.runUntil(() -> inFlight(world, p1, p2) > 0, 1_000),
                "p1 should send p2 more (its Accept) once p2 has promised");
        awaitDrained(world, p1, p2, "p1's Accept should reach p2");
        world.apply(Scenario.named("p1's later messages to p2 held up")
                .at(0).delay(Delay.between(HELD_MILLIS, HELD_MILLIS), Links.between(p1, p2)).build());
        org.junit.jupiter.api.Assertions.assertTrue(world.sim.runUntil(() -> world.status(1, 0).isDecided(), 1_000),
                "p1 should decide with p2's acceptance");
        // p0, hearing nothing from p2, tries later rounds meanwhile.
        world.sim.runFor(4 * 60);
        SearchResult result = safetyWithinWindow(world)
                .maxDepth(5)
                .probes(100, 30)
                .run(test.seed());
        result.assertNoViolation(test);
    }

    /** Messages from {@code from} to {@code to} (hosts or their components) now in the network. */
    private static long inFlight(PaxosWorld world, Address from, Address to) {
        return world.sim.snapshot().messages().stream()
                .filter(m -> m.from().root().equals(from) && m.to().root().equals(to)).count();
    }

    private static void awaitDrained(PaxosWorld world, Address from, Address to, String what) {
        org.junit.jupiter.api.Assertions.assertTrue(world.sim.runUntil(() -> inFlight(world, from, to) == 0, 1_000),
                what + " within 1000 ms on a reliable link");
    }

    @SeededTest
    @Points(10)
    @Category(TestCategory.CONCURRENCY)
    @Description("Search from the start, depth first: two of three peers propose different values for one instance"
            + " at the same moment, nothing held up; in every order of deliveries and round timeouts up to "
            + FROM_START_DEPTH + " events (late promises, rounds that time out, accepts that overtake prepares),"
            + " no two peers decide differently.")
    void competingProposersFromTheStartDeep(TestRun test) {
        PaxosWorld world = new PaxosWorld(Simulation.seeded(test.seed()), 3);
        world.start(0, 0, "a");
        world.start(1, 0, "b");
        SearchResult result = safetyWithinWindow(world)
                .depthFirst()
                .maxDepth(FROM_START_DEPTH)
                .maxTime(Duration.ofSeconds(FROM_START_SECONDS))
                .run(test.seed());
        result.assertNoViolation(test);
    }

    /** How deep the search from the start goes: deep enough for a promise to outlive its proposer's round. */
    static final int FROM_START_DEPTH = 9;
    static final long FROM_START_SECONDS = 20;
}
