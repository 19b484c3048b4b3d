package faultline.suites.paxoskv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.fault.Delay;
import faultline.framework.fault.Scenario;
import faultline.framework.cluster.Cluster;
import faultline.framework.live.LiveCluster;
import faultline.labs.kv.Append;
import faultline.labs.kv.AppendOk;
import faultline.labs.kv.Get;
import faultline.labs.kv.GetResult;
import faultline.labs.kv.Put;
import faultline.labs.kv.PutOk;
import faultline.labs.paxoskv.Clerk;
import faultline.labs.paxoskv.KVServer;
import faultline.testkit.check.AppendChains;
import faultline.testkit.check.Budgets;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;
import faultline.testkit.workload.CommandSource;
import faultline.testkit.workload.Workload;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Lab 3's key/value service on Paxos: basic operations at any server, concurrent clients checked for
 * linearizability, at-most-once Appends when replies are lost and clients move between servers, a
 * minority that must not answer, a hole in the log, memory freed by done, many partitions with loss,
 * crashed servers, and a run over real TCP.
 */
public class KvPaxosSuite {

    /** A server's state once the log is forgotten: its live data plus a little for tables and Paxos. */
    static final long STATE_MARGIN_BYTES = 50_000;

    /** Random Gets (40%), Puts (30%) and Appends (30%) on {@code keys}, each value naming its client and index. */
    static CommandSource mixed(List<String> keys) {
        return (client, index, random) -> {
            String key = keys.get(random.nextInt(keys.size()));
            int roll = random.nextInt(10);
            if (roll < 4) {
                return Optional.of(new Get(key));
            }
            if (roll < 7) {
                return Optional.of(new Put(key, "c" + client + "." + index));
            }
            return Optional.of(new Append(key, "+c" + client + "." + index));
        };
    }

    /** Every client appends its tokens, one after another, to {@code key}. */
    static CommandSource chain(String key, int perClient) {
        return (client, index, random) -> index < perClient
                ? Optional.of(new Append(key, AppendChains.token(client, index))) : Optional.empty();
    }

    static void finish(KvPaxosWorld world, Workload.Run run, long maxMillis, String conditions) {
        assertTrue(world.sim.runUntil(run::done, maxMillis), "the clients finished only " + run.completed()
                + " operations in " + maxMillis + " ms " + conditions + "; servers have applied "
                + world.appliedCounts() + ". Does every server apply decided instances in order and answer, and"
                + " does the clerk try another server when one is silent?");
    }

    static void repair(KvPaxosWorld world) {
        world.apply(Scenario.named("network repaired at " + world.sim.now() + " ms").at(0).heal().at(0).reliable()
                .build());
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.BASIC)
    @Description("Put, Append and Get through any of three servers return the right values (a key never"
            + " written reads as \"\"), five clients on one key stay linearizable, and all servers hold the"
            + " same data.")
    void basic(TestRun test) {
        KvPaxosWorld world = new KvPaxosWorld(test.simulation(), 3);
        List<Address> pinned = KvPaxosWorld.clerks("pin", 3);
        for (int i = 0; i < 3; i++) {
            world.addClerks(List.of(pinned.get(i)), List.of(world.servers.get(i)));
        }
        assertEquals(new PutOk(), world.call(pinned.get(0), new Put("a", "x"), 2_000, "on a healthy network"));
        assertEquals(new AppendOk(), world.call(pinned.get(1), new Append("a", "y"), 2_000, "on a healthy network"));
        world.assertValue(pinned.get(2), "a", "xy", "through s2 should see the Put made at s0 and the Append at s1");
        world.assertValue(pinned.get(0), "never", "", "of a key never written should return the empty string");
        List<Address> clerks = KvPaxosWorld.clerks("c", 5);
        world.addClerks(clerks, world.servers);
        Workload.Run run = Workload.generated(clerks, 10, mixed(List.of("k"))).start(world.sim);
        finish(world, run, 10_000, "on a healthy network");
        KvPaxosWorld.assertLinearizable("basic", world.calls(), run.history());
        world.assertReplicasAgree("at the end");
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.CONCURRENCY)
    @Description("Ten clients on five servers, fifteen operations each on three keys, with 5% of messages lost"
            + " and some delayed up to 100 ms: every operation completes and the history is linearizable.")
    void concurrentClientsLinearizable(TestRun test) {
        KvPaxosWorld world = new KvPaxosWorld(test.simulation(), 5);
        List<Address> clerks = KvPaxosWorld.clerks("c", 10);
        world.addClerks(clerks, world.servers);
        world.apply(Scenario.named("5% lost, some delayed").at(0).drop(0.05)
                .at(0).delay(Delay.between(1, 10).withTail(0.05, 100)).build());
        Workload.Run run = Workload.generated(clerks, 15, mixed(List.of("k0", "k1", "k2"))).start(world.sim);
        finish(world, run, 30_000, "with 5% loss");
        KvPaxosWorld.assertLinearizable("concurrentClientsLinearizable", run.history());
        repair(world);
        world.assertReplicasAgree("after the clients finished");
    }

    @SeededTest
    @Points(7)
    @Category(TestCategory.UNRELIABLE)
    @Description("Four clients append to one key while 20% of messages are delivered twice and, in turns, two"
            + " of the three servers' replies to clients are lost, so clients retry at another server what was"
            + " already done: every Append takes effect exactly once and in order, at every server.")
    void atMostOnceAcrossServers(TestRun test) {
        KvPaxosWorld world = new KvPaxosWorld(test.simulation(), 3);
        List<Address> clerks = KvPaxosWorld.clerks("c", 4);
        world.addClerks(clerks, world.servers);
        Scenario.Builder faults = Scenario.named("duplicates, and replies lost from two servers in turns")
                .at(0).duplicate(0.2);
        long turn = 400;
        for (int k = 0; k < 12; k++) {
            faults.at(k * turn).heal();
            for (Address clerk : clerks) {
                faults.at(k * turn).cut(world.servers.get(k % 3), clerk);
                faults.at(k * turn).cut(world.servers.get((k + 1) % 3), clerk);
            }
        }
        faults.at(12 * turn).heal();
        world.apply(faults.build());
        Workload.Run run = Workload.generated(clerks, chain("chain", 15)).start(world.sim);
        finish(world, run, 12 * turn + 10_000, "with lost replies and duplicates");
        repair(world);
        Address reader = Address.of("reader");
        world.addClerks(List.of(reader), world.servers);
        Result value = world.call(reader, new Get("chain"), 3_000, "after the network was repaired");
        KvPaxosWorld.assertChain(((GetResult) value).value(), run.history());
        world.assertReplicasAgree("after the appends");
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.UNRELIABLE)
    @Description("At-most-once for Puts, scripted: c0's Put is applied but its answer lost and its clerk cut off;"
            + " meanwhile a reader sees it and c1 overwrites the key; when c0's clerk is back it retries at"
            + " another server, which must answer without applying the Put again, so the key keeps c1's value.")
    void retriedPutAppliedOnce(TestRun test) {
        KvPaxosWorld world = new KvPaxosWorld(test.simulation(), 3);
        world.apply(PaxosSuite.fixedDelay("a steady network", 2));
        Address c0 = Address.of("c0");
        Address c1 = Address.of("c1");
        Address reader = Address.of("reader");
        world.addClerks(List.of(c0, c1, reader), world.servers);
        world.call(c1, new Put("k", "start"), 2_000, "on a healthy network");
        Scenario.Builder cutOff = Scenario.named("c0 cut off once its Put reached a server");
        for (Address server : world.servers) {
            cutOff.at(0).cut(server, c0).at(3).cut(c0, server);
        }
        world.apply(cutOff.build());
        KvPaxosWorld.Call first = world.start(c0, new Put("k", "from c0"));
        assertTrue(world.sim.runUntil(() -> world.servers.stream()
                        .allMatch(s -> "from c0".equals(world.server(s).data().get("k"))), 2_000),
                "c0's Put reached a server that can talk to the others: every server should apply it within 2 s");
        world.assertValue(reader, "k", "from c0", "after c0's Put was applied");
        world.call(c1, new Put("k", "from c1"), 2_000, "while c0 is cut off");
        world.assertValue(reader, "k", "from c1", "after c1's Put");
        world.apply(Scenario.named("c0 back").at(0).heal().build());
        assertTrue(world.sim.runUntil(first::done, 2_000), "once c0 can talk again its retried Put should be"
                + " answered within 2 s");
        world.assertValue(reader, "k", "from c1", "after c0's retry was answered: c0's Put was applied once, before"
                + " c1's; a retry, of a Put as of an Append, must be recognised by any server (the at-most-once"
                + " table goes through the log) and answered without applying it again");
        KvPaxosWorld.assertLinearizable("retriedPutAppliedOnce", world.calls());
        world.assertReplicasAgree("at the end");
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.PARTITION)
    @Description("s2 is cut off while a client writes through s0, then comes back with no client of its own:"
            + " it must catch up with the log by itself within a second (others cannot forget the log until it"
            + " has), and then answer a Get through it with the latest value.")
    void laggingServerCatchesUpWithoutClients(TestRun test) {
        KvPaxosWorld world = new KvPaxosWorld(test.simulation(), 3);
        Address c0 = Address.of("c0");
        world.addClerks(List.of(c0), world.serversAt(0));
        world.call(c0, new Put("k", "v"), 2_000, "on a healthy network");
        world.apply(Scenario.named("s2 cut off").at(0).isolate(world.servers.get(2)).build());
        for (int i = 0; i < 10; i++) {
            world.call(c0, new Append("k", "." + i), 2_000, "through s0 while s2 is cut off");
        }
        world.apply(Scenario.named("s2 back").at(0).heal().build());
        int target = world.server(world.servers.get(0)).applied();
        KvPaxosWorld.Call more = world.start(c0, new Append("k", ".after"));
        assertTrue(world.sim.runUntil(() -> world.server(world.servers.get(2)).applied() >= target, 1_000),
                "s2 came back " + (target - 1) + " operations behind and hears of new ones, but no client waits at"
                        + " it: it should fill its log (propose no-ops for the instances it missed, which teaches it"
                        + " their values) and apply them within 1 s by itself; servers have applied "
                        + world.appliedCounts());
        assertTrue(world.sim.runUntil(more::done, 2_000), "c0's Append after healing should finish");
        Address late = Address.of("late");
        world.addClerks(List.of(late), world.serversAt(2));
        world.assertValue(late, "k", "v.0.1.2.3.4.5.6.7.8.9.after", "through s2 alone, after it caught up");
        world.assertReplicasAgree("at the end");
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.BASIC)
    @Description("Reply only after applying, scripted: s0 accepts c1's Put but never hears it decided (a hole at"
            + " s0); c1's Put returns, then c0 asks s0 for the key. s0's Get is decided in a later instance, and"
            + " s0 must fill the hole and apply the Put before it answers: the Get must see c1's value.")
    void answerOnlyAfterEarlierInstancesApplied(TestRun test) {
        KvPaxosWorld world = new KvPaxosWorld(test.simulation(), 5);
        world.apply(PaxosSuite.fixedDelay("a steady network", 2));
        Address c0 = Address.of("c0");
        Address c1 = Address.of("c1");
        world.addClerks(List.of(c0), world.serversAt(0));
        world.addClerks(List.of(c1), world.serversAt(1));
        world.call(c1, new Put("k", "old"), 2_000, "on a healthy network");
        world.sim.runFor(200);
        // c1's request reaches s1 at 2 ms, s1's Accept reaches s0 at 8, its decision goes out at 10.
        world.apply(Scenario.named("s1 cut from s0 after its Accept arrived").at(9)
                .cut(world.servers.get(1), world.servers.get(0)).build());
        world.call(c1, new Put("k", "new"), 2_000, "through s1 with s2, s3, s4 reachable");
        Result got = world.call(c0, new Get("k"), 2_000, "through s0, which can reach s2, s3 and s4");
        assertEquals(new GetResult("new"), got, "c1's Put of \"new\" returned before c0's Get was sent, so the Get"
                + " must see it; s0 knew of the Put's instance but not its value when its Get was decided in a later"
                + " one: a server answers only once every earlier instance is applied (fill the hole first)");
        KvPaxosWorld.assertLinearizable("answerOnlyAfterEarlierInstancesApplied", world.calls());
        world.apply(Scenario.named("healed").at(0).heal().build());
        world.assertReplicasAgree("after healing");
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.PARTITION)
    @Description("Clients that can only reach the two servers of a minority get no answer, not even to a Get,"
            + " while the majority goes on; after healing they finish, ordered after the majority's write.")
    void minorityMakesNoProgress(TestRun test) {
        KvPaxosWorld world = new KvPaxosWorld(test.simulation(), 5);
        Address anyone = Address.of("anyone");
        Address putter = Address.of("minority-put");
        Address getter = Address.of("minority-get");
        world.addClerks(List.of(anyone), world.servers);
        world.addClerks(List.of(putter, getter), world.serversAt(3, 4));
        world.call(anyone, new Put("k", "before"), 2_000, "before the partition");
        world.sim.runFor(500);
        world.apply(Scenario.named("{s0 s1 s2} | {s3 s4}").at(0)
                .partition(Set.copyOf(world.serversAt(0, 1, 2)), Set.copyOf(world.serversAt(3, 4))).build());
        KvPaxosWorld.Call put = world.start(putter, new Put("k", "minority"));
        KvPaxosWorld.Call get = world.start(getter, new Get("k"));
        world.sim.runFor(1_000);
        assertFalse(get.done(), "a Get sent only to s3 and s4, a minority, was answered (" + get.result() + "): a"
                + " server must not answer even a Get without agreement, or it may return stale data");
        assertFalse(put.done(), "a Put sent only to s3 and s4, a minority, was answered: nothing may be decided"
                + " without a majority");
        world.call(anyone, new Put("k", "majority"), 2_000, "in the majority {s0 s1 s2}");
        world.sim.runFor(1_000);
        assertFalse(get.done() || put.done(), "the minority's operations must still wait");
        world.apply(Scenario.named("healed").at(0).heal().build());
        assertTrue(world.sim.runUntil(() -> get.done() && put.done(), 3_000), "after healing, the minority's Put"
                + " and Get should finish within 3 s");
        assertTrue(Set.of(new GetResult("majority"), new GetResult("minority")).contains(get.result()), "the"
                + " minority's Get finished after the majority's Put, so it must see \"majority\" or the"
                + " minority's own Put, not " + get.result());
        world.assertValue(anyone, "k", "minority", "after healing must see the minority's Put, ordered after the"
                + " majority's");
        KvPaxosWorld.assertLinearizable("minorityMakesNoProgress", world.calls());
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.PARTITION)
    @Description("s0 starts an agreement and is cut off before it finishes, leaving a hole in the others' logs;"
            + " the majority must fill it (propose a no-op) and go on serving, and s0 catches up after healing.")
    void holeFilledByLaterAgreements(TestRun test) {
        KvPaxosWorld world = new KvPaxosWorld(test.simulation(), 5);
        Address c0 = Address.of("c0");
        Address c2 = Address.of("c2");
        world.addClerks(List.of(c0), world.serversAt(0));
        world.addClerks(List.of(c2), world.serversAt(2));
        world.call(c0, new Put("k", "v0"), 2_000, "before any fault");
        world.sim.runFor(300);
        int seen = world.server(world.servers.get(0)).paxos().max();
        KvPaxosWorld.Call lost = world.start(c0, new Put("k", "cut off"));
        assertTrue(world.sim.runUntil(() -> world.server(world.servers.get(0)).paxos().max() > seen, 1_000),
                "s0 should start an agreement for c0's Put");
        world.apply(Scenario.named("s0 cut off just after it started an agreement")
                .at(0).isolate(world.servers.get(0)).build());
        // What s0 sent before it was cut off (its Prepares) arrives; then the others know the instance is taken.
        world.sim.runFor(20);
        for (int round = 0; round < 5; round++) {
            world.call(c2, new Append("k", "." + round), 3_000, "through s2 while s0 is cut off (s0 left a hole in"
                    + " the log: fill it by proposing a no-op for an instance that stays undecided)");
        }
        Result got = world.call(c2, new Get("k"), 3_000, "through s2 while s0 is cut off");
        assertTrue(((GetResult) got).value().endsWith(".0.1.2.3.4"), "the Appends made through s2 must all be"
                + " there, in order: " + got);
        world.apply(Scenario.named("s0 back").at(0).heal().build());
        assertTrue(world.sim.runUntil(lost::done, 3_000), "after healing, c0's Put through s0 should finish");
        KvPaxosWorld.assertLinearizable("holeFilledByLaterAgreements", world.calls());
        world.assertReplicasAgree("after healing");
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.PERFORMANCE)
    @Description("Twenty Puts of 50 KB values to two keys, one server cut off for part of the time: once all"
            + " servers have applied them, each server's state (its fields, serialized, Paxos included) must be"
            + " within " + STATE_MARGIN_BYTES + " bytes of its live data, so the log must be freed (call done).")
    void doneFreesLogMemory(TestRun test) {
        KvPaxosWorld world = new KvPaxosWorld(test.simulation(), 3);
        Address clerk = Address.of("c0");
        world.addClerks(List.of(clerk), world.servers);
        SplittableRandom random = new SplittableRandom(test.seed());
        for (int i = 0; i < 20; i++) {
            if (i == 5) {
                world.apply(Scenario.named("s2 cut off").at(0).isolate(world.servers.get(2)).build());
            } else if (i == 15) {
                world.apply(Scenario.named("s2 back").at(0).heal().build());
            }
            String value = PaxosSuite.big(random, i).substring(0, 50_000);
            world.call(clerk, new Put("key" + (i % 2), value), 3_000, "");
        }
        world.assertReplicasAgree("after the Puts");
        world.sim.runFor(2_000);
        for (Address server : world.servers) {
            KVServer kv = world.server(server);
            long live = kv.data().entrySet().stream().mapToLong(e -> 2L * (e.getKey().length() + e.getValue().length()))
                    .sum();
            long bytes = Budgets.stateBytes(kv);
            assertTrue(bytes <= live / 2 + STATE_MARGIN_BYTES, server + "'s state is " + bytes + " bytes for about "
                    + live / 2 + " bytes of live data: the log of applied operations must be freed (call done on"
                    + " Paxos once an instance is applied, and let Paxos drop what every server is done with)");
        }
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.PARTITION)
    @Description("Eight seconds of random partitions of five servers re-drawn every 200-600 ms, with 10% loss,"
            + " while five clients append to one key and read it: afterwards every Append is there exactly once"
            + " and in order, and the servers agree.")
    void manyPartitionsWithLoss(TestRun test) {
        KvPaxosWorld world = new KvPaxosWorld(test.simulation(), 5);
        List<Address> clerks = KvPaxosWorld.clerks("c", 5);
        world.addClerks(clerks, world.servers);
        world.apply(Scenario.named("partition churn with loss").at(0).drop(0.1)
                .partitionChurn(world.servers, 3, 0, 8_000, 200, 600, test.seed()).build());
        CommandSource appends = chain("chain", 1_000);
        Workload.Run run = Workload.generated(clerks, (client, index, random) -> index % 4 == 3
                ? Optional.of(new Get("chain")) : appends.next(client, index - index / 4, random)).start(world.sim);
        world.sim.runFor(8_000);
        run.stop();
        repair(world);
        finish(world, run, 10_000, "after the partitions healed");
        Address reader = Address.of("reader");
        world.addClerks(List.of(reader), world.servers);
        Result value = world.call(reader, new Get("chain"), 3_000, "after the network was repaired");
        KvPaxosWorld.assertChain(((GetResult) value).value(), run.history());
        assertTrue(run.completed() >= 20, "the clients should get work done between partitions; only "
                + run.completed() + " operations completed");
        world.assertReplicasAgree("after the partitions");
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.CRASH)
    @Description("Two of five servers crash for good while clients work: the other three go on serving, the"
            + " history is linearizable and the live servers agree.")
    void crashedServersDoNotStopService(TestRun test) {
        KvPaxosWorld world = new KvPaxosWorld(test.simulation(), 5);
        List<Address> clerks = KvPaxosWorld.clerks("c", 5);
        world.addClerks(clerks, world.servers);
        world.apply(Scenario.named("s1 and s3 crash").at(300).crash(world.servers.get(1))
                .at(700).crash(world.servers.get(3)).build());
        Workload.Run run = Workload.generated(clerks, 15, mixed(List.of("k0", "k1"))).start(world.sim);
        finish(world, run, 20_000, "with s1 and s3 crashed");
        world.sim.runFor(Math.max(0, 800 - world.sim.now())); // both crashes are past
        KvPaxosWorld.assertLinearizable("crashedServersDoNotStopService", run.history());
        world.assertReplicasAgree("after the crashes");
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.BASIC)
    @Description("Over real TCP in real time: three servers and two clients, eight operations each, with 5% of messages lost; every"
            + " operation completes and the history is linearizable (the same code as in the simulator)." + TestRun.LIVE_RULE)
    void liveOverTcp(TestRun test) {
        Cluster live = test.live(LiveCluster::overTcp);
        List<Address> servers = KvPaxosWorld.servers(3);
        for (Address server : servers) {
            live.add(server, a -> new KVServer(a, servers));
        }
        List<Address> clerks = KvPaxosWorld.clerks("c", 2);
        for (Address clerk : clerks) {
            live.add(clerk, a -> new Clerk(a, servers));
        }
        live.apply(Scenario.named("5% of messages lost").at(0).drop(0.05).build());
        Workload.Run run = Workload.generated(clerks, 8, mixed(List.of("k0", "k1"))).start(live);
        assertTrue(live.runUntil(run::done, 10_000), "over TCP the clients finished only " + run.completed()
                + " of 16 operations in 10 s of real time");
        KvPaxosWorld.assertLinearizable("liveOverTcp", run.history());
        assertEquals(16, run.history().size(), "every operation should be in the history");
    }
}
