package faultline.suites.paxoskv;

import faultline.framework.Address;
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

    private static Search window(PaxosWorld world) {
        long start = world.sim.now();
        return Search.from(world.sim)
                .prune(StatePredicate.named("past the window",
                        s -> world.hosts.stream().anyMatch(h -> s.clock(h) > start + WINDOW_MILLIS)))
                .maxTime(Duration.ofSeconds(60));
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
        SearchResult result = window(world)
                .maxDepth(6)
                .invariant(agreement(world.hosts, Set.of("a", "b")))
                .invariant(reportedOnce(world.hosts))
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
        SearchResult result = window(world)
                .maxDepth(6)
                .invariant(agreement(world.hosts, Set.of("a", "b")))
                .invariant(reportedOnce(world.hosts))
                .goal(lateDecided)
                .probes(200, 40)
                .run(test.seed());
        result.assertReached(test, lateDecided.name());
    }
}
