package faultline.suites.paxoskv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.cluster.NetworkStats;
import faultline.framework.fault.Delay;
import faultline.framework.fault.Links;
import faultline.framework.fault.Scenario;
import faultline.labs.paxos.Fate;
import faultline.testkit.check.Budgets;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The Paxos library alone: agreement with one, several and competing proposers, deaf peers, forgetting
 * and the memory it frees, message budgets, many instances on a bad network, old instances, partitions,
 * and a long run of random partitions. The safety tests script the exact interleaving that breaks a
 * wrong proposer or acceptor, on fixed network delays, so they fail on every seed rather than by luck.
 */
public class PaxosSuite {

    /** A generous bound for an agreement among peers that can talk. */
    static final long AGREE_MILLIS = 2_000;

    /**
     * Messages per agreement: the reference sends 10 for a serial agreement among 3 peers (Prepare, Promise,
     * Accept, Accepted to the 2 others, and the decision to the 2 others), its own acceptor reached by a
     * call. The budget allows 20% more.
     */
    static final double SERIAL_BUDGET = 12;

    /**
     * With three proposers competing for every instance the reference measures 23.6-25.6 messages per
     * agreement on seeds 1-20; the budget allows about twice its worst, since students' back-off differs.
     */
    static final double COMPETING_BUDGET = 50;

    /** A peer's Paxos state once everything is forgotten: far below one of the 100 KB values it held. */
    static final long FORGOTTEN_STATE_BYTES = 20_000;

    static Scenario fixedDelay(String name, long millis) {
        return Scenario.named(name + ", every message takes exactly " + millis + " ms").at(0)
                .delay(Delay.between(millis, millis)).build();
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.BASIC)
    @Description("Three peers agree with one proposer, with several proposing the same value, with several"
            + " proposing different values, and on instances started out of order; every peer learns each"
            + " decision (without proposing) and max() is the highest instance.")
    void basicAgreement(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 3);
        world.start(0, 0, "hello");
        world.awaitDeciders(0, 3, AGREE_MILLIS, "with one proposer (the others must learn the decision without"
                + " proposing: does the proposer tell them?)");
        for (int peer = 0; peer < 3; peer++) {
            assertEquals("hello", world.decidedValue(peer, 0), "the only value proposed must be decided");
        }
        world.startEverywhere(1, "same");
        for (int peer = 0; peer < 3; peer++) {
            world.start(peer, 2, "same");
        }
        world.awaitDeciders(2, 3, AGREE_MILLIS, "with three proposers proposing the same value");
        assertEquals("same", world.decidedValue(1, 2), "the only value proposed must be decided");
        world.awaitDeciders(1, 3, AGREE_MILLIS, "with three proposers proposing different values");
        assertTrue(Set.of("same@0", "same@1", "same@2").contains(world.decidedValue(0, 1)),
                "the decided value must be one that was proposed, not " + world.decidedValue(0, 1));
        int[] order = {7, 6, 5, 4, 3};
        for (int i = 0; i < order.length; i++) {
            world.start(i % 3, order[i], "v" + order[i]);
        }
        for (int instance = 3; instance <= 7; instance++) {
            world.awaitDeciders(instance, 3, AGREE_MILLIS, "when instances are started out of order");
            assertEquals("v" + instance, world.decidedValue(2, instance));
        }
        for (int peer = 0; peer < 3; peer++) {
            assertEquals(7, world.paxos(peer).max(), world.hosts.get(peer) + "'s max() should be 7, the highest"
                    + " instance it has heard of");
        }
        world.assertAgreement();
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.PARTITION)
    @Description("Of five peers two are deaf (they send but receive nothing): exactly the three that hear"
            + " decide; a deaf peer that can hear again and proposes its own value learns the value already"
            + " chosen; the last one too once it hears.")
    void deafPeers(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 5);
        Address p3 = world.hosts.get(3);
        Address p4 = world.hosts.get(4);
        world.apply(Scenario.named("p3 and p4 deaf").at(0).deafen(p3).at(0).deafen(p4).build());
        world.start(0, 0, "goodbye");
        world.awaitDeciders(0, 3, AGREE_MILLIS, "among the three peers that can hear");
        world.sim.runFor(1_000);
        assertEquals(Set.of(0, 1, 2), world.deciders(0), "only the peers that can hear may know the decision");
        world.apply(Scenario.named("p3 hears again, p4 still deaf").at(0).heal().at(0).deafen(p4).build());
        world.start(3, 0, "xxx");
        world.awaitDeciders(0, 4, AGREE_MILLIS, "once deaf p3 can hear and proposes");
        assertEquals("goodbye", world.decidedValue(3, 0), "p3 proposed its own value for an instance already"
                + " decided: it must learn the decided value instead");
        world.sim.runFor(1_000);
        assertEquals(Set.of(0, 1, 2, 3), world.deciders(0), "p4 is still deaf and cannot know the decision");
        world.apply(Scenario.named("everyone hears").at(0).heal().build());
        world.start(4, 0, "yyy");
        world.awaitDeciders(0, 5, AGREE_MILLIS, "once p4 can hear and proposes");
        assertEquals("goodbye", world.decidedValue(4, 0));
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.BASIC)
    @Description("Safety, scripted: p0's value is accepted by every peer, but p0 is cut off before anyone"
            + " hears it was decided; p3 then proposes its own value and must adopt the accepted one, the"
            + " highest-numbered value in the promises it gets.")
    void competingProposerAdoptsAcceptedValue(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 5);
        world.apply(fixedDelay("a slow, steady network", 5));
        world.start(0, 0, "first");
        // Prepares arrive at 5 ms, promises at 10, Accepts at 15, their replies at 20: cut p0 off between.
        world.sim.runFor(17);
        world.apply(Scenario.named("p0 isolated after its Accepts arrived, before its decision goes out")
                .at(0).isolate(world.hosts.get(0)).build());
        world.sim.runFor(13);
        world.start(3, 0, "second");
        world.awaitDeciders(0, 2, AGREE_MILLIS, "by p3 and the peers it can reach");
        for (int peer = 1; peer < 5; peer++) {
            if (world.status(peer, 0).isDecided()) {
                assertEquals("first", world.decidedValue(peer, 0), "\"first\" was accepted by a majority (it was"
                        + " chosen) before p3 proposed \"second\", so " + world.hosts.get(peer) + " must decide"
                        + " \"first\": a proposer must propose the highest-numbered value its promises report");
            }
        }
        world.apply(Scenario.named("healed").at(0).heal().build());
        world.startEverywhere(0, "late");
        world.awaitDeciders(0, 5, AGREE_MILLIS, "after healing");
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.BASIC)
    @Description("Safety, scripted: p1 promises p2's higher proposal just before p0's lower Accept arrives;"
            + " p1 must turn the Accept down, or p0 and p2 decide different values.")
    void acceptorKeepsItsPromise(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 3);
        world.apply(Scenario.named("p0 cannot reach p2").at(0).cut(world.hosts.get(0), world.hosts.get(2)).build());
        world.apply(fixedDelay("a slow, steady network", 5));
        world.start(0, 0, "A");
        // p0's Prepare reaches p1 at 5 ms, its Accept at 15; p2's Prepare (sent at 6) reaches p1 at 11.
        world.sim.runFor(6);
        world.start(2, 0, "B");
        world.sim.runFor(500);
        world.assertAgreement();
        world.apply(Scenario.named("healed").at(0).heal().build());
        world.startEverywhere(0, "C");
        world.awaitDeciders(0, 3, AGREE_MILLIS, "after healing");
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.CONCURRENCY)
    @Description("Safety, scripted: three peers propose different values for the same instances at the same"
            + " moment, on a network where every message takes the same time; they must still agree, which"
            + " needs proposal numbers no two proposers share.")
    void simultaneousProposersAgree(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 3);
        world.apply(fixedDelay("a steady network", 5));
        for (int instance = 0; instance < 5; instance++) {
            world.startEverywhere(instance, "v" + instance);
            world.sim.runFor(1);
        }
        for (int instance = 0; instance < 5; instance++) {
            world.awaitDeciders(instance, 3, AGREE_MILLIS, "with three proposers");
        }
        world.assertAgreement();
    }

    /** Cuts every link from {@code from} to each of {@code to}, from {@code millis} on. */
    static Scenario.Builder cut(Scenario.Builder faults, long millis, Address from, List<Address> to) {
        for (Address other : to) {
            faults.at(millis).cut(from, other);
        }
        return faults;
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.BASIC)
    @Description("Safety, scripted: two values are accepted under different numbers (p0's A numbered low at"
            + " p0 and p1, p4's B numbered high at p2, p3 and p4, where it is chosen); p0 then tries again and"
            + " its promises bring A first and B last: it must propose B, the highest-numbered, not the first"
            + " or the last reported.")
    void proposerAdoptsHighestNumberedValue(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 5);
        Address p0 = world.hosts.get(0);
        Address p1 = world.hosts.get(1);
        Address p4 = world.hosts.get(4);
        world.apply(fixedDelay("a steady network", 2));
        Scenario.Builder faults = Scenario.named("A reaches only p1, B is chosen by p2 p3 p4 and nobody is told");
        // p0 works with p1 and p2; its Accept for A reaches p1 only (sent at 4 ms, after the cut of 3 ms).
        cut(faults, 0, p0, world.hosts(3, 4));
        cut(faults, 0, p4, world.hosts(0, 1));
        faults.at(3).cut(p0, world.hosts.get(2));
        // p4 (from 6 ms) works with p2 and p3; its decision (sent at 14 ms) reaches nobody.
        cut(faults, 13, p4, world.hosts(2, 3));
        // From 15 ms p0 talks to p1 and p2 only; p1's promise comes after p2's, p0's own acceptor's first.
        faults.at(15).heal();
        cut(faults, 15, p0, world.hosts(3, 4));
        cut(faults, 15, p4, world.hosts(0, 1, 2, 3));
        faults.at(15).delay(Delay.between(10, 10), Links.between(p1, p0));
        raceOfAAndB(world, faults.build(), "p4 had a majority (p2 p3 p4) accept B",
                "B was chosen (accepted by p2, p3 and p4) before p0 tried"
                + " again; p0's promises reported A under a lower number (from p0 and p1) and B under a higher one"
                + " (from p2): a proposer must propose the value of the highest-numbered proposal its promises"
                + " report, whatever order they arrive in");
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.BASIC)
    @Description("Safety, scripted: p1 accepts p4's higher-numbered proposal without having seen its Prepare,"
            + " and p0's lower-numbered Accept, delayed, arrives after it: accepting a proposal is a promise"
            + " too, so p1 must turn the late Accept down and keep the chosen value.")
    void acceptingRaisesThePromise(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 5);
        Address p0 = world.hosts.get(0);
        Address p1 = world.hosts.get(1);
        Address p4 = world.hosts.get(4);
        world.apply(fixedDelay("a steady network", 2));
        Scenario.Builder faults = Scenario.named("p0's Accept to p1 held back 30 ms; p4's Prepare never reaches p1");
        // p0 (from 0 ms) gets promises from p1 and p2; its Accepts go out at 4 ms: to p1 slowly, to p2 not at all.
        cut(faults, 0, p0, world.hosts(3, 4));
        cut(faults, 0, p4, world.hosts(0, 1));
        faults.at(3).cut(p0, world.hosts.get(2));
        faults.at(3).delay(Delay.between(30, 30), Links.between(p0, p1));
        // p4 (from 6 ms) prepares with p2 and p3, then (at 10 ms) sends its Accepts to p1 and p3 only.
        faults.at(9).heal();
        cut(faults, 9, p0, world.hosts(2, 3, 4));
        cut(faults, 9, p4, world.hosts(0, 2));
        // B is chosen by p1, p3 and p4 at 14 ms; nobody hears of it.
        faults.at(13).heal();
        cut(faults, 13, p0, world.hosts(3, 4));
        cut(faults, 13, p4, world.hosts(0, 1, 2, 3));
        // p0's late Accept for A reaches p1 at 34 ms; p0's next round can only hear from p1 and p2.
        faults.at(35).delay(Delay.between(2, 2), Links.between(p0, p1));
        raceOfAAndB(world, faults.build(), "p4 had a majority (p1 p3 p4) accept B",
                "B was chosen by p1, p3 and p4; p0's lower-numbered Accept for"
                + " A reached p1 late, after p1 had accepted B: p1 must refuse it (accepting a proposal raises the"
                + " acceptor's promise to its number, even without a Prepare), or p0's next round learns A from p1"
                + " and decides it");
    }

    /**
     * p0 proposes A, and p4 proposes B 6 ms later, under {@code faults} (which see to it that B is chosen first);
     * both must decide B, and after healing every node agrees.
     */
    private static void raceOfAAndB(PaxosWorld world, Scenario faults, String whyP4DecidesB, String whyP0DecidesB) {
        world.apply(faults);
        world.start(0, 0, "A");
        world.sim.runFor(6);
        world.start(4, 0, "B");
        world.awaitDeciders(0, 2, AGREE_MILLIS, "by p4, then by p0 once its round times out");
        assertEquals("B", world.decidedValue(4, 0), whyP4DecidesB);
        assertEquals("B", world.decidedValue(0, 0), whyP0DecidesB);
        world.apply(Scenario.named("healed").at(0).heal().at(0).reliable().build());
        world.startEverywhere(0, "late");
        world.awaitDeciders(0, 5, AGREE_MILLIS, "after healing");
        world.assertAgreement();
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.UNRELIABLE)
    @Description("Safety, scripted: every reply from p3 to p4 arrives twice. Instance 0: A is chosen by p0 p1"
            + " p2 unseen, then p4 hears promises only from p3; instance 1: p4 has its Accept taken only by p3."
            + " A majority is of distinct acceptors: p4 must not go on, or decide, on p3's word counted twice.")
    void duplicateRepliesCountOnce(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 5);
        Address p0 = world.hosts.get(0);
        Address p3 = world.hosts.get(3);
        Address p4 = world.hosts.get(4);
        world.apply(fixedDelay("a steady network", 2));
        world.apply(Scenario.named("p3's replies to p4 duplicated").at(0).duplicate(1.0, Links.between(p3, p4))
                .build());
        Scenario.Builder first = Scenario.named("A chosen by p0 p1 p2 unseen; p4's Prepare reaches only p3");
        cut(first, 0, p0, world.hosts(3, 4));
        cut(first, 7, p0, world.hosts(1, 2));
        cut(first, 0, p4, world.hosts(0, 1, 2));
        // p4 starts at 10 ms; from 13 ms (after its Prepares) its Accepts could reach p1 and p2.
        first.at(13).heal();
        cut(first, 13, p0, world.hosts(1, 2, 3, 4));
        first.at(13).cut(p4, p0);
        world.apply(first.build());
        world.start(0, 0, "A");
        world.sim.runFor(10);
        world.start(4, 0, "B");
        world.sim.runFor(200);
        if (world.status(4, 0).isDecided()) {
            assertEquals("A", world.decidedValue(4, 0), "A was chosen (accepted by p0, p1 and p2) before p4"
                    + " proposed; p4 heard a promise only from p3, twice, yet decided otherwise: a majority of"
                    + " promises must come from distinct acceptors (count acceptors, not replies)");
        }
        world.apply(Scenario.named("healed, p3's replies to p4 still duplicated").at(0).heal().build());
        world.startEverywhere(0, "late");
        world.awaitDeciders(0, 5, AGREE_MILLIS, "after healing");
        world.assertAgreement();

        // p4 prepares with p2 and p3 (from 0 ms); its Accepts (at 4 ms) reach p3 only; p0 starts at 10 ms.
        Scenario.Builder second = Scenario.named("instance 1: p4 prepares with p2 p3, its Accept reaches only p3");
        cut(second, 0, p4, world.hosts(0, 1));
        second.at(3).cut(p4, world.hosts.get(2));
        cut(second, 0, p0, world.hosts(3, 4));
        cut(second, 0, world.hosts.get(1), world.hosts(3, 4));
        second.at(0).cut(world.hosts.get(2), p3);
        world.apply(second.build());
        world.start(4, 1, "C");
        world.sim.runFor(10);
        world.start(0, 1, "D");
        assertTrue(world.sim.runUntil(() -> world.deciders(1).containsAll(Set.of(0, 1, 2)), AGREE_MILLIS),
                "p0, p1 and p2, a majority, should decide instance 1 within " + AGREE_MILLIS + " ms; deciders: "
                        + world.deciders(1));
        if (world.status(4, 1).isDecided()) {
            assertEquals(world.decidedValue(0, 1), world.decidedValue(4, 1), "p4 decided with its Accept taken only"
                    + " by itself and p3 (p3's reply arriving twice), while p0, p1 and p2 decided otherwise: a"
                    + " majority of Accepteds must come from distinct acceptors");
        }
        world.apply(Scenario.named("healed").at(0).heal().at(0).reliable().build());
        world.startEverywhere(1, "late");
        world.awaitDeciders(1, 5, AGREE_MILLIS, "after healing");
        world.assertAgreement();
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.PARTITION)
    @Description("min() rises only when every peer has called done: not while one peer that has not said"
            + " done is unreachable, and it rises once that peer says done and can talk again; forgotten"
            + " instances report FORGOTTEN.")
    void forgetOnlyWhenEveryPeerIsDone(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 5);
        for (int peer = 0; peer < 5; peer++) {
            assertTrue(world.paxos(peer).min() <= 0, "min() should start at 0 or below, not "
                    + world.paxos(peer).min());
        }
        for (int instance = 0; instance < 5; instance++) {
            world.start(instance % 5, instance, "x" + instance);
        }
        for (int instance = 0; instance < 5; instance++) {
            world.awaitDeciders(instance, 5, AGREE_MILLIS, "");
        }
        Address p4 = world.hosts.get(4);
        world.apply(Scenario.named("p4 isolated").at(0).isolate(p4).build());
        for (int peer = 0; peer < 4; peer++) {
            world.done(peer, 2);
        }
        world.sim.runFor(1_000);
        for (int peer = 0; peer < 5; peer++) {
            assertEquals(0, world.paxos(peer).min(), world.hosts.get(peer) + "'s min() must stay 0 while p4 has"
                    + " not called done: min() is one more than the smallest done over all peers, not this one's");
            assertEquals(Fate.DECIDED, world.status(peer, 0).fate(), "instance 0 is not forgotten yet");
        }
        world.done(4, 2);
        world.sim.runFor(500);
        for (int peer = 0; peer < 4; peer++) {
            assertEquals(0, world.paxos(peer).min(), world.hosts.get(peer) + " cannot have heard p4's done yet:"
                    + " p4 is isolated");
        }
        world.apply(Scenario.named("p4 back").at(0).heal().build());
        assertTrue(world.sim.runUntil(() -> minEverywhere(world, 5) == 3, AGREE_MILLIS), "once p4 (done with 2)"
                + " can talk again, min() should become 3 at every peer within " + AGREE_MILLIS + " ms, even with"
                + " no new agreement to carry the done values; it is "
                + world.hosts.stream().map(h -> h + "=" + world.paxos(world.hosts.indexOf(h)).min()).toList());
        for (int peer = 0; peer < 5; peer++) {
            assertEquals(Fate.FORGOTTEN, world.status(peer, 2).fate(), "instance 2 is done everywhere");
            assertEquals(Fate.DECIDED, world.status(peer, 3).fate(), "instance 3 is not forgotten");
        }
    }

    static int minEverywhere(PaxosWorld world, int peers) {
        int lowest = Integer.MAX_VALUE;
        for (int peer = 0; peer < peers; peer++) {
            lowest = Math.min(lowest, world.paxos(peer).min());
        }
        return lowest;
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.PERFORMANCE)
    @Description("Ten 100 KB values are decided, then every peer is done with them: each peer's Paxos state"
            + " (its fields, serialized) must drop below " + FORGOTTEN_STATE_BYTES + " bytes, max() must stay"
            + " 9, and starting a forgotten instance again keeps it forgotten and its value out of memory.")
    void forgottenMemoryIsFreed(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 3);
        SplittableRandom random = new SplittableRandom(test.seed());
        for (int instance = 0; instance < 10; instance++) {
            world.start(instance % 3, instance, big(random, instance));
        }
        for (int instance = 0; instance < 10; instance++) {
            world.awaitDeciders(instance, 3, AGREE_MILLIS, "");
        }
        for (int peer = 0; peer < 3; peer++) {
            world.done(peer, 9);
        }
        assertTrue(world.sim.runUntil(() -> minEverywhere(world, 3) == 10, AGREE_MILLIS), "after every peer said"
                + " done(9), min() should reach 10 everywhere within " + AGREE_MILLIS + " ms");
        for (int peer = 0; peer < 3; peer++) {
            assertEquals(9, world.paxos(peer).max(), "max() is the highest instance heard of, and forgetting must"
                    + " not lower it");
            assertStateForgotten(world, peer, "after every peer was done with all ten instances");
        }
        world.start(1, 5, big(random, 5));
        world.start(2, 0, big(random, 0));
        world.sim.runFor(1_000);
        for (int peer = 0; peer < 3; peer++) {
            assertEquals(Fate.FORGOTTEN, world.status(peer, 5).fate(), "instance 5 was forgotten; starting it again"
                    + " must not bring it back");
            assertStateForgotten(world, peer, "after forgotten instances 0 and 5 were started again (start must"
                    + " ignore instances below min())");
        }
        world.start(0, 10, "after");
        world.awaitDeciders(10, 3, AGREE_MILLIS, "after forgetting");
    }

    private static void assertStateForgotten(PaxosWorld world, int peer, String when) {
        long bytes = Budgets.stateBytes(world.paxos(peer));
        assertTrue(bytes <= FORGOTTEN_STATE_BYTES, world.hosts.get(peer) + "'s Paxos state is " + bytes + " bytes "
                + when + ", over the budget of " + FORGOTTEN_STATE_BYTES + ": forgotten instances' values must be"
                + " dropped from memory, not only reported FORGOTTEN");
    }

    /** A 100 KB value, different for every instance and seed. */
    static String big(SplittableRandom random, int instance) {
        StringBuilder value = new StringBuilder(100_000).append("big").append(instance).append(':');
        while (value.length() < 100_000) {
            value.append((char) ('a' + random.nextInt(26)));
        }
        return value.toString();
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.PERFORMANCE)
    @Description("Message budgets among three peers: at most " + SERIAL_BUDGET + " messages per agreement when"
            + " one proposer starts instances one after another (a peer's own acceptor is reached by a call), and"
            + " at most " + COMPETING_BUDGET + " when three proposers compete for every instance.")
    void messageBudget(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 3);
        int serial = 10;
        NetworkStats before = world.sim.stats();
        for (int instance = 0; instance < serial; instance++) {
            world.start(0, instance, "serial" + instance);
            world.awaitDeciders(instance, 3, AGREE_MILLIS, "");
        }
        world.sim.runFor(500);
        double perAgreement = world.sim.stats().since(before).sent() / (double) serial;
        assertTrue(perAgreement <= SERIAL_BUDGET, "serial agreements took " + perAgreement + " messages each, over"
                + " the budget of " + SERIAL_BUDGET + " (3 peers, one proposer, reliable network): reach the own"
                + " acceptor by a call, and send nothing a peer does not need");
        int competing = 10;
        before = world.sim.stats();
        for (int instance = serial; instance < serial + competing; instance++) {
            world.startEverywhere(instance, "race" + instance);
            world.awaitDeciders(instance, 3, AGREE_MILLIS, "with three competing proposers");
        }
        world.sim.runFor(500);
        perAgreement = world.sim.stats().since(before).sent() / (double) competing;
        System.out.println("[paxos] messages per agreement with three competing proposers: " + perAgreement);
        assertTrue(perAgreement <= COMPETING_BUDGET, "agreements with three competing proposers took "
                + perAgreement + " messages each, over the budget of " + COMPETING_BUDGET + ": back off (a random"
                + " wait before the next round) so that duelling proposers settle quickly");
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.UNRELIABLE)
    @Description("Thirty instances, every peer proposing for each, up to five in flight, on a network that"
            + " loses 10%, duplicates 10% and delays messages up to 20 ms (some up to 200 ms): all decide"
            + " everywhere, agree, and each decision is reported to its host exactly once.")
    void manyInstancesUnreliable(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 5);
        world.apply(Scenario.named("unreliable").at(0).drop(0.1).at(0).duplicate(0.1)
                .at(0).delay(Delay.between(1, 20).withTail(0.05, 200)).build());
        int instances = 30;
        int inFlight = 5;
        for (int instance = 0; instance < instances; instance++) {
            if (instance >= inFlight) {
                world.awaitDeciders(instance - inFlight, 5, 10_000, "on an unreliable network, every peer"
                        + " proposing");
            }
            world.startEverywhere(instance, "m" + instance);
        }
        for (int instance = instances - inFlight; instance < instances; instance++) {
            world.awaitDeciders(instance, 5, 10_000, "on an unreliable network, every peer proposing");
        }
        world.sim.runFor(1_000);
        world.assertAgreement();
    }

    @SeededTest
    @Points(3)
    @Category(TestCategory.PARTITION)
    @Description("An instance decided by a majority while two peers were cut off is started late by one of"
            + " them with another value: it must learn the earlier decision.")
    void oldInstanceDecidedLate(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 5);
        world.apply(Scenario.named("{p0 p1 p2} | {p3 p4}").at(0)
                .partition(world.group(0, 1, 2), world.group(3, 4)).build());
        world.start(1, 1, "early");
        world.awaitDeciders(1, 3, AGREE_MILLIS, "in the majority");
        world.apply(Scenario.named("{p0 p1} | {p2 p3 p4}").at(0)
                .partition(world.group(0, 1), world.group(2, 3, 4)).build());
        world.start(3, 1, "late");
        world.awaitDeciders(1, 5, AGREE_MILLIS, "once p3 proposes in a majority holding a peer that knows");
        assertEquals("early", world.decidedValue(3, 1), "instance 1 was decided \"early\" before p3 started it");
        world.start(4, 0, "zero");
        world.awaitDeciders(0, 3, AGREE_MILLIS, "for instance 0 in the majority {p2 p3 p4}");
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.PARTITION)
    @Description("With no majority anywhere nothing is decided; a majority decides; all agree after healing;"
            + " and a peer that moves between sides carries the decision over, on a reliable and then a lossy"
            + " network (where every peer of a side proposes, since a lost decision is learned by proposing).")
    void partitions(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 5);
        world.apply(Scenario.named("{p0 p2} | {p1 p3} | {p4}").at(0)
                .partition(world.group(0, 2), world.group(1, 3), world.group(4)).build());
        world.startEverywhere(0, "split");
        world.sim.runFor(3_000);
        assertEquals(Set.of(), world.deciders(0), "no group holds a majority, so nothing may be decided");
        world.apply(Scenario.named("{p0 p1 p2} | {p3 p4}").at(0)
                .partition(world.group(0, 1, 2), world.group(3, 4)).build());
        world.awaitDeciders(0, 3, AGREE_MILLIS, "once p0 p1 p2 form a majority");
        world.sim.runFor(500);
        assertTrue(world.deciders(0).size() <= 3, "p3 and p4 are cut off and cannot know the decision");
        world.apply(Scenario.named("healed").at(0).heal().build());
        world.awaitDeciders(0, 5, AGREE_MILLIS, "after healing (p3 and p4 are still proposing)");
        for (int round = 1; round <= 8; round++) {
            if (round == 5) {
                world.apply(Scenario.named("10% lost").at(0).drop(0.1).build());
            }
            world.apply(Scenario.named("round " + round + ": {p0 p1 p2} | {p3 p4}").at(0)
                    .partition(world.group(0, 1, 2), world.group(3, 4)).build());
            // With loss a peer learns a decision for sure only by proposing itself (see Paxos's contract).
            world.start(0, round, "left" + round);
            if (round >= 5) {
                world.start(1, round, "left" + round);
                world.start(2, round, "left" + round);
            }
            world.awaitDeciders(round, 3, AGREE_MILLIS, "in the majority {p0 p1 p2}");
            world.apply(Scenario.named("round " + round + ": p2 moves, {p0 p1} | {p2 p3 p4}").at(0)
                    .partition(world.group(0, 1), world.group(2, 3, 4)).build());
            world.start(3, round, "right" + round);
            if (round >= 5) {
                world.start(4, round, "right" + round);
            }
            world.awaitDeciders(round, 5, AGREE_MILLIS, "once p2, which knows the decision, joined p3 and p4");
            assertEquals("left" + round, world.decidedValue(4, round));
        }
    }

    @SeededTest
    @Points(3)
    @Category(TestCategory.PARTITION)
    @Description("Lots: ten seconds of random partitions into up to three groups, re-drawn every 50-300 ms,"
            + " with 10% loss, while peers keep starting instances (up to ten in flight); peers agree at"
            + " every check, and every instance is decided everywhere after healing.")
    void lotsOfPartitions(TestRun test) {
        PaxosWorld world = new PaxosWorld(test.simulation(), 5);
        long churnMillis = 10_000;
        world.apply(Scenario.named("lots").at(0).drop(0.1)
                .partitionChurn(world.hosts, 3, 0, churnMillis, 50, 300, test.seed()).build());
        SplittableRandom random = new SplittableRandom(test.seed() * 17 + 3);
        int started = 0;
        List<Integer> open = new ArrayList<>();
        for (long t = 0; t < churnMillis; t += 100) {
            open.removeIf(instance -> world.deciders(instance).size() >= 3);
            while (open.size() < 10) {
                int peer = random.nextInt(5);
                world.start(peer, started, "lots" + started + "@" + peer);
                open.add(started++);
            }
            world.sim.runFor(100);
            if (t % 1_000 == 0) {
                world.assertAgreement();
            }
        }
        world.apply(Scenario.named("healed and reliable").at(0).heal().at(0).reliable().build());
        for (int instance = 0; instance < started; instance++) {
            world.startEverywhere(instance, "final");
        }
        for (int instance = 0; instance < started; instance++) {
            world.awaitDeciders(instance, 5, 5_000, "after healing, every peer proposing");
        }
        world.assertAgreement();
        assertTrue(started >= 30, "the run should have started a good number of instances, not " + started);
    }

}
