package faultline.suites.pbkv;

import static faultline.suites.pbkv.PbkvWorld.FAILOVER_MILLIS;
import static faultline.suites.pbkv.PbkvWorld.VIEW_SERVICE;
import static faultline.suites.pbkv.PbkvWorld.clerk;
import static faultline.suites.pbkv.PbkvWorld.clerks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.fault.Delay;
import faultline.framework.fault.Links;
import faultline.framework.fault.Scenario;
import faultline.framework.cluster.Cluster;
import faultline.framework.live.LiveCluster;
import faultline.labs.pbkv.Append;
import faultline.labs.pbkv.AppendOk;
import faultline.labs.pbkv.Clerk;
import faultline.labs.pbkv.Get;
import faultline.labs.pbkv.GetResult;
import faultline.labs.pbkv.PBServer;
import faultline.labs.pbkv.Put;
import faultline.labs.pbkv.PutOk;
import faultline.labs.pbkv.View;
import faultline.labs.pbkv.ViewService;
import faultline.testkit.check.AppendChains;
import faultline.testkit.history.History;
import faultline.testkit.history.Operation;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;
import faultline.testkit.workload.CommandSource;
import faultline.testkit.workload.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lab 2's key/value service: fail-over, at-most-once under lost replies, concurrent clients, repeated
 * crashes, and old primaries cut off from the rest. Client histories are checked for linearizability.
 */
public class PrimaryBackupSuite {

    static final Address S1 = PbkvWorld.server(1);
    static final Address S2 = PbkvWorld.server(2);
    static final Address S3 = PbkvWorld.server(3);
    static final long SETTLE_MILLIS = 2 * FAILOVER_MILLIS;

    /** Random Gets (40%), Puts (30%) and Appends (30%) on {@code keys}, each value naming its client and index. */
    static CommandSource mixed(List<String> keys) {
        return mixed(keys, 3);
    }

    /**
     * Random Gets (40%), Puts ({@code putTenths} in ten) and Appends (the rest) on {@code keys}. Fewer Puts
     * make values accumulate, so a write lost in a fail-over stays visible instead of being overwritten.
     */
    static CommandSource mixed(List<String> keys, int putTenths) {
        return (client, index, random) -> {
            String key = keys.get(random.nextInt(keys.size()));
            int roll = random.nextInt(10);
            if (roll < 4) {
                return Optional.of(new Get(key));
            }
            if (roll < 4 + putTenths) {
                return Optional.of(new Put(key, "c" + client + "." + index));
            }
            return Optional.of(new Append(key, "+c" + client + "." + index));
        };
    }

    /** Every client appends its tokens, one after another, to {@code key}. */
    static CommandSource chain(String key) {
        return (client, index, random) -> Optional.of(new Append(key, AppendChains.token(client, index)));
    }

    /** Starts s1, lets it become primary, then s2 as its backup. */
    static PbkvWorld primaryAndBackup(TestRun test) {
        PbkvWorld world = new PbkvWorld(test.simulation());
        world.addServer(S1);
        world.awaitRoles(S1, View.NOBODY, FAILOVER_MILLIS);
        world.addServer(S2);
        world.awaitRoles(S1, S2, FAILOVER_MILLIS);
        return world;
    }

    /** Runs the workload to its end, failing if it does not finish in time. */
    static void finish(PbkvWorld world, Workload.Run run, int total, long maxMillis, String conditions) {
        assertTrue(world.sim.runUntil(run::done, maxMillis), "the clients finished only " + run.completed()
                + " of " + total + " operations in " + maxMillis + " ms " + conditions + "; the view service is"
                + " at " + world.view() + ". Does the clerk retry, and follow the primary when the view changes?");
    }

    /** Repairs the network and waits for a primary and a backup that both know the view. */
    static void settle(PbkvWorld world) {
        world.sim.apply(Scenario.named("network repaired at " + world.sim.now() + " ms").at(0).reliable()
                .at(0).heal().build());
        assertTrue(world.sim.runUntil(() -> {
            View view = world.view();
            return view.hasPrimary() && view.hasBackup()
                    && knows(world, view.primary(), view) && knows(world, view.backup(), view);
        }, SETTLE_MILLIS), "once the network was repaired, the service should settle on a primary and a backup"
                + " within " + SETTLE_MILLIS + " ms; the view service is at " + world.view());
        world.sim.runFor(3 * ViewService.PING_INTERVAL_MILLIS);
    }

    private static boolean knows(PbkvWorld world, Address server, View view) {
        return world.sim.node(server).map(n -> ((PBServer) n).view().equals(view)).orElse(false);
    }

    /**
     * Checks that the chain in {@code value} holds each client's appends of {@code history} exactly once,
     * in order, and in real-time order across clients: an Append that returned before another was called
     * comes first. For a history of Appends followed by this read, that is linearizability, checked
     * without a search (the general checker finds long append-only histories slow to decide).
     */
    static void assertChain(String value, History<Command, Result> history) {
        Map<Integer, Integer> attempted = new HashMap<>();
        Map<Integer, Integer> acknowledged = new HashMap<>();
        List<Operation<Command, Result>> appends = history.operations().stream()
                .filter(op -> op.input() instanceof Append).toList();
        for (Operation<Command, Result> op : appends) {
            attempted.merge(op.client(), 1, Integer::sum);
            if (!op.isUnknown()) {
                acknowledged.merge(op.client(), 1, Integer::sum);
            }
        }
        AppendChains.Verdict verdict = AppendChains.check(value, acknowledged, attempted);
        assertTrue(verdict.ok(), "every Append must take effect exactly once, in each client's order, however"
                + " often its clerk retried: " + verdict);
        for (Operation<Command, Result> earlier : appends) {
            for (Operation<Command, Result> later : appends) {
                if (!earlier.isUnknown() && earlier.returnTime() < later.callTime()) {
                    String first = ((Append) earlier.input()).value();
                    String second = ((Append) later.input()).value();
                    int at = value.indexOf(second);
                    assertTrue(at < 0 || value.indexOf(first) < at, first + " returned before " + second
                            + " was sent, yet it comes after it in the value: the service applied the Appends"
                            + " in an order no single copy of the data could have produced");
                }
            }
        }
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.BASIC)
    @Description("Puts, Appends and Gets return the right values, and survive the primary's death twice: the"
            + " backup has every write, including those made before it became backup (state transfer).")
    void basicPutGetWithFailover(TestRun test) {
        PbkvWorld world = new PbkvWorld(test.simulation());
        Address c = clerk(0);
        world.addServer(S1);
        world.addClerks(List.of(c));
        world.awaitRoles(S1, View.NOBODY, FAILOVER_MILLIS);
        assertEquals(new PutOk(), world.call(c, new Put("a", "aa"), 2_000), "a Put should answer PutOk");
        world.call(c, new Put("b", "bb"), 2_000);
        assertEquals(new AppendOk(), world.call(c, new Append("a", "+1"), 2_000), "an Append should answer AppendOk");
        world.assertValue(c, "a", "aa+1", "should return the value put, then appended to");
        world.assertValue(c, "nothing", "", "of a key never written should return the empty string");

        world.addServer(S2);
        world.awaitRoles(S1, S2, FAILOVER_MILLIS);
        world.call(c, new Put("b", "bb2"), 2_000);
        world.call(c, new Append("a", "+2"), 2_000);
        world.crash(S1);
        world.assertValue(c, "a", "aa+1+2", "after primary s1 died, new primary s2 should hold every write, both"
                + " those it received as backup and those s1 made before s2 joined (the state transfer)");
        world.assertValue(c, "b", "bb2", "after primary s1 died, new primary s2 should hold the latest Put");

        world.restart(S1);
        world.awaitRoles(S2, S1, FAILOVER_MILLIS);
        world.call(c, new Put("c", "cc"), 2_000);
        world.crash(S2);
        world.assertValue(c, "a", "aa+1+2", "after a second fail-over (to the restarted s1) every write should"
                + " still be there");
        world.assertValue(c, "c", "cc", "after a second fail-over every write should still be there");
        KvHistories.assertLinearizable("basicPutGetWithFailover", world.calls());
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.UNRELIABLE)
    @Description("With half of the primary's replies to clients lost, retried Appends take effect exactly once"
            + " (a duplicate is answered from the at-most-once table, not applied again).")
    void atMostOnceUnderLostReplies(TestRun test) {
        PbkvWorld world = primaryAndBackup(test);
        List<Address> clerks = clerks(3);
        world.addClerks(clerks);
        Scenario.Builder lossy = Scenario.named("half of s1's replies to clients lost");
        for (Address clerk : clerks) {
            lossy.at(0).drop(0.5, Links.between(S1, clerk));
        }
        world.sim.apply(lossy.build());
        Workload.Run run = Workload.generated(clerks, 15, chain("chain")).start(world.sim);
        finish(world, run, 45, 60_000, "with half of the replies lost");
        Result value = world.call(clerk(0), new Get("chain"), 10_000);
        assertChain(((GetResult) value).value(), run.history());
        world.assertBackupMatchesPrimary();
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.CRASH)
    @Description("A Put sent to a primary that has just died completes once the backup takes over; an Append"
            + " whose reply was lost when the primary died is not applied twice by the new primary.")
    void putToFailedPrimary(TestRun test) {
        PbkvWorld world = primaryAndBackup(test);
        Address c = clerk(0);
        world.addClerks(List.of(c));
        world.call(c, new Put("a", "1"), 2_000);
        world.crash(S1);
        world.call(c, new Put("a", "2"), FAILOVER_MILLIS + 2_000);
        world.assertValue(c, "a", "2", "should see the Put that was sent to the dead primary and completed at its"
                + " backup");

        world.addServer(S3);
        world.awaitRoles(S2, S3, FAILOVER_MILLIS);
        world.sim.apply(Scenario.named("every reply from s2 to c0 lost").at(0).drop(1.0, Links.between(S2, c))
                .build());
        PbkvWorld.Call append = world.start(c, new Append("a", "x"));
        world.sim.runFor(4 * ViewService.PING_INTERVAL_MILLIS);
        assertFalse(append.done(), "the Append cannot have returned: every reply from s2 to c0 is dropped");
        world.crash(S2);
        assertTrue(world.sim.runUntil(append::done, FAILOVER_MILLIS + 2_000), "the Append should complete at"
                + " s3 after s2 died; the view service is at " + world.view());
        world.assertValue(c, "a", "2x", "should show the Append once: s2 applied it and forwarded it to s3, then"
                + " died before its reply arrived, so the clerk's retry at s3 must be recognised as a duplicate");
        KvHistories.assertLinearizable("putToFailedPrimary", world.calls());
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.CONCURRENCY)
    @Description("Four clients Get, Put and Append on the same three keys: what they see is linearizable and the"
            + " backup ends with exactly the primary's data.")
    void concurrentClientsSameKeys(TestRun test) {
        PbkvWorld world = primaryAndBackup(test);
        List<Address> clerks = clerks(4);
        world.addClerks(clerks);
        Workload.Run run = Workload.generated(clerks, 30, mixed(List.of("k0", "k1", "k2"))).start(world.sim);
        finish(world, run, 120, 30_000, "on a reliable network");
        world.sim.runFor(3 * ViewService.PING_INTERVAL_MILLIS);
        world.assertBackupMatchesPrimary();
        KvHistories.assertLinearizable("concurrentClientsSameKeys", run.history());
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.UNRELIABLE)
    @Description("Four clients on the same keys while 10% of all messages are lost, 5% duplicated and some"
            + " delayed long: what they see is linearizable and the backup ends equal to the primary.")
    void concurrentClientsSameKeysUnreliable(TestRun test) {
        PbkvWorld world = primaryAndBackup(test);
        world.addServer(S3);
        List<Address> clerks = clerks(4);
        world.addClerks(clerks);
        world.sim.apply(Scenario.named("unreliable network")
                .at(0).drop(0.1).at(0).duplicate(0.05).at(0).delay(Delay.between(1, 10).withTail(0.1, 200))
                .build());
        Workload.Run run = Workload.generated(clerks, 30, mixed(List.of("k0", "k1", "k2"))).start(world.sim);
        finish(world, run, 120, 60_000, "on an unreliable network");
        settle(world);
        world.assertBackupMatchesPrimary();
        KvHistories.assertLinearizable("concurrentClientsSameKeysUnreliable", run.history());
    }

    /** Crashes the primary and the backup in turn under a running workload, restarting each one. */
    private static void crashRepeatedly(TestRun test, boolean unreliable, String name) {
        PbkvWorld world = primaryAndBackup(test);
        world.addServer(S3);
        List<Address> clerks = clerks(3);
        world.addClerks(clerks);
        if (unreliable) {
            world.sim.apply(Scenario.named("unreliable network")
                    .at(0).drop(0.1).at(0).duplicate(0.05).at(0).delay(Delay.between(1, 10).withTail(0.05, 150))
                    .build());
        }
        // Eight keys and few Puts, so that what a key held before a fail-over is still visible after it.
        Workload.Run run = Workload.generated(clerks,
                mixed(List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7"), 1)).start(world.sim);
        for (int round = 0; round < 5; round++) {
            world.sim.runFor(600);
            View view = world.view();
            assertTrue(view.hasPrimary() && view.hasBackup(), "before crash " + (round + 1) + " the service"
                    + " should have a primary and a backup; the view service is at " + view);
            Address victim = round % 2 == 0 ? view.primary() : view.backup();
            world.crash(victim);
            world.sim.runFor(FAILOVER_MILLIS);
            world.restart(victim);
            assertTrue(world.sim.runUntil(() -> world.view().hasBackup()
                    && knows(world, world.view().backup(), world.view()), SETTLE_MILLIS),
                    "after crash " + (round + 1) + " (of " + victim + ") the service should have a primary and a"
                            + " backup again; the view service is at " + world.view());
        }
        run.stop();
        finish(world, run, run.history().size(), 20_000, "after the last crash");
        assertTrue(run.completed() > 60, "the clients completed only " + run.completed() + " operations over five"
                + " crashes; the service should keep serving between fail-overs");
        settle(world);
        world.assertBackupMatchesPrimary();
        KvHistories.assertLinearizable(name, run.history());
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.CRASH)
    @Description("Under a steady load, the primary and the backup crash in turn (five times) and restart: every"
            + " operation completes, what clients see is linearizable, and the backup ends equal to the primary.")
    void repeatedCrashes(TestRun test) {
        crashRepeatedly(test, false, "repeatedCrashes");
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.CRASH)
    @Description("Primary and backup crash in turn (five times) while 10% of messages are lost and 5%"
            + " duplicated: every operation completes and what clients see is linearizable.")
    void repeatedCrashesUnreliable(TestRun test) {
        crashRepeatedly(test, true, "repeatedCrashesUnreliable");
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.PARTITION)
    @Description("An old primary cut off from the view service (but not from clients or its old backup) must not"
            + " answer a Get from its own data: a client that still thinks it is primary must get the new value.")
    void partitionedOldPrimaryMustNotServeGets(TestRun test) {
        PbkvWorld world = primaryAndBackup(test);
        Address stale = clerk(0);
        world.addClerks(List.of(stale));
        world.call(stale, new Put("a", "1"), 2_000);
        world.sim.apply(Scenario.named("s1 cut off from the view service")
                .at(0).cut(S1, VIEW_SERVICE).at(0).cut(VIEW_SERVICE, S1).build());
        world.addServer(S3);
        world.awaitRoles(S2, S3, FAILOVER_MILLIS + 2_000);
        Address fresh = clerk(1);
        world.addClerks(List.of(fresh));
        world.call(fresh, new Put("a", "2"), 2_000);
        Result got = world.call(stale, new Get("a"), FAILOVER_MILLIS);
        assertEquals(new GetResult("2"), got, "c0 still took s1 for the primary, but s1 has been replaced (s2 is"
                + " primary and a=2 was written there); s1 must not answer from its own stale data. Forward Gets"
                + " to the backup too, and have the backup refuse a primary of an older view.");
        KvHistories.assertLinearizable("partitionedOldPrimaryMustNotServeGets", world.calls());
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.PARTITION)
    @Description("A Get sent to an old primary that is partitioned away with its client never completes while the"
            + " partition lasts, and returns the new value once it heals.")
    void getStuckAtPartitionedOldPrimaryNeverCompletes(TestRun test) {
        PbkvWorld world = primaryAndBackup(test);
        Address stale = clerk(0);
        Address fresh = clerk(1);
        world.addClerks(List.of(stale));
        world.call(stale, new Put("a", "1"), 2_000);
        world.sim.apply(Scenario.named("s1 and c0 partitioned from the rest")
                .at(0).partition(Set.of(S1, stale), Set.of(VIEW_SERVICE, S2, S3, fresh)).build());
        world.addServer(S3);
        world.awaitRoles(S2, S3, FAILOVER_MILLIS + 2_000);
        world.addClerks(List.of(fresh));
        world.call(fresh, new Put("a", "2"), 2_000);
        PbkvWorld.Call stuck = world.start(stale, new Get("a"));
        world.sim.runFor(2_000);
        assertFalse(stuck.done(), "c0's Get went to old primary s1, which can reach neither the view service nor"
                + " its backup, yet it returned " + stuck.result() + ". A primary must not answer before its"
                + " backup has acknowledged the operation.");
        world.sim.apply(Scenario.named("partition healed at " + world.sim.now() + " ms").at(0).heal().build());
        assertTrue(world.sim.runUntil(stuck::done, FAILOVER_MILLIS), "after the partition healed, c0's Get should"
                + " reach the new primary; the view service is at " + world.view());
        assertEquals(new GetResult("2"), stuck.result(), "after the partition healed, c0's Get should return the"
                + " value written at the new primary");
        KvHistories.assertLinearizable("getStuckAtPartitionedOldPrimaryNeverCompletes", world.calls());
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.CONCURRENCY)
    @Description("Five clients append to one key on a lossy, duplicating network while the primary crashes and"
            + " comes back: every Append lands exactly once, each client's in order, and backup equals primary.")
    void concurrentAppendsLandExactlyOnce(TestRun test) {
        PbkvWorld world = primaryAndBackup(test);
        world.addServer(S3);
        List<Address> clerks = clerks(5);
        world.addClerks(clerks);
        world.sim.apply(Scenario.named("lossy, duplicating network; primary s1 crashes and restarts")
                .at(0).drop(0.1).at(0).duplicate(0.1).at(0).delay(Delay.between(1, 8).withTail(0.1, 100))
                .at(300).crash(S1).at(1_500).restart(S1)
                .build());
        Workload.Run run = Workload.generated(clerks, 20, chain("chain")).start(world.sim);
        finish(world, run, 100, 60_000, "on a lossy network with the primary crashing");
        settle(world);
        world.assertBackupMatchesPrimary();
        Result first = world.call(clerk(0), new Get("chain"), 5_000);
        Result second = world.call(clerk(4), new Get("chain"), 5_000);
        assertEquals(first, second, "two clients reading the finished chain should see the same order");
        assertChain(((GetResult) first).value(), run.history());
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.CRASH)
    @Description("A new backup receives the primary's whole state, including which requests were already carried"
            + " out: after a fail-over, a retried Append from before the backup joined is not applied twice.")
    void stateTransferIncludesAtMostOnceTable(TestRun test) {
        PbkvWorld world = new PbkvWorld(test.simulation());
        Address c = clerk(0);
        world.addServer(S1);
        world.addClerks(List.of(c));
        world.awaitRoles(S1, View.NOBODY, FAILOVER_MILLIS);
        world.call(c, new Put("k", "a"), 2_000);
        world.sim.apply(Scenario.named("every reply from s1 to c0 lost").at(0).drop(1.0, Links.between(S1, c))
                .build());
        PbkvWorld.Call append = world.start(c, new Append("k", "x"));
        world.sim.runFor(3 * ViewService.PING_INTERVAL_MILLIS);
        world.addServer(S2);
        world.awaitRoles(S1, S2, FAILOVER_MILLIS);
        assertFalse(append.done(), "the Append cannot have returned: every reply from s1 to c0 is dropped");
        world.crash(S1);
        assertTrue(world.sim.runUntil(append::done, FAILOVER_MILLIS + 2_000), "the Append should complete at s2"
                + " after s1 died; the view service is at " + world.view());
        world.assertValue(c, "k", "ax", "s1 applied the Append before s2 joined; s2 must have received both the"
                + " data and the record that this request was carried out, so the retry is not applied again");
        KvHistories.assertLinearizable("stateTransferIncludesAtMostOnceTable", world.calls());
    }

    /**
     * Kills the current primary for good and reads every key of {@code keys} through {@code reader} from the
     * server that takes over: with the workload's history, what the clients saw must still be linearizable,
     * so the new primary holds every write the old one acknowledged.
     */
    static void assertNothingLostWhenPrimaryDies(PbkvWorld world, Address reader, List<String> keys,
            History<Command, Result> workload, String test) {
        Address primary = world.view().primary();
        world.crash(primary);
        for (String key : keys) {
            world.call(reader, new Get(key), FAILOVER_MILLIS + 2_000);
        }
        KvHistories.assertLinearizable(test, workload, world.calls());
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.CRASH)
    @Description("A clerk crashes and restarts, and its sequence numbers start over: its new Puts and Appends are"
            + " new requests and must be carried out, not taken for retries of the old clerk's.")
    void restartedClerkIsANewClient(TestRun test) {
        PbkvWorld world = primaryAndBackup(test);
        Address c = clerk(0);
        world.addClerks(List.of(c));
        world.call(c, new Put("k", "a"), 2_000);
        world.call(c, new Append("k", "b"), 2_000);
        world.call(c, new Append("k", "c"), 2_000);
        world.crash(c);
        world.restart(c);
        PbkvWorld.Call put = world.start(c, new Put("k", "x"));
        assertTrue(world.sim.runUntil(put::done, 2_000), "c0 crashed and restarted, then its Put(k, x) got no"
                + " answer within 2 s: the servers took it for an old retry of the clerk before the crash. A clerk"
                + " that starts again must not reuse its former identity with sequence numbers that start over:"
                + " draw a fresh client id in init().");
        world.call(c, new Append("k", "y"), 2_000);
        world.assertValue(c, "k", "xy", "after c0 restarted and wrote Put(k, x) then Append(k, y) should return"
                + " \"xy\": a new request of the restarted clerk was answered from the at-most-once table instead of"
                + " being carried out");
        KvHistories.assertLinearizable("restartedClerkIsANewClient", world.calls());
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.CRASH)
    @Description("Under a steady load the backup crashes and is back 50 ms later, three times, long before it"
            + " could be missed: it restarted empty, so it must get the whole state again before it counts as"
            + " backup. Every operation completes, and when the primary then dies nothing is lost.")
    void backupRestartsQuicklyUnderLoad(TestRun test) {
        PbkvWorld world = primaryAndBackup(test);
        List<Address> clerks = clerks(3);
        world.addClerks(clerks);
        // Appends to one key: a write lost with the backup's state shows as a gap in the chain, found at once.
        Workload.Run run = Workload.generated(clerks, chain("chain")).start(world.sim);
        for (int round = 0; round < 3; round++) {
            world.sim.runFor(300);
            View view = world.view();
            assertTrue(view.hasPrimary() && view.hasBackup(), "before the backup's restart " + (round + 1)
                    + " the service should have a primary and a backup; the view service is at " + view);
            Address backup = view.backup();
            world.sim.apply(Scenario.named(backup + " crashes and is back 50 ms later")
                    .at(0).crash(backup).at(50).restart(backup).build());
            world.sim.runFor(60);
            int before = run.completed();
            assertTrue(world.sim.runUntil(() -> run.completed() >= before + 10, SETTLE_MILLIS), "after backup "
                    + backup + " restarted (empty) the clients completed only " + (run.completed() - before)
                    + " operations in " + SETTLE_MILLIS + " ms; the view service is at " + world.view() + ". A server"
                    + " that pings 0 has lost its state: the view service must treat it as dead in its role, and the"
                    + " primary must send the new backup the whole state before going on.");
        }
        run.stop();
        finish(world, run, run.history().size(), 20_000, "after the backup's last restart");
        settle(world);
        world.assertBackupMatchesPrimary();
        world.crash(world.view().primary());
        Result chain = world.call(clerk(0), new Get("chain"), FAILOVER_MILLIS + 2_000);
        assertChain(((GetResult) chain).value(), run.history());
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.CRASH)
    @Description("With only two servers, the backup dies for good under load: the view service must drop it"
            + " (primary alone, no backup) and the primary must carry on serving by itself.")
    void primaryCarriesOnAloneWhenBackupDies(TestRun test) {
        PbkvWorld world = primaryAndBackup(test);
        List<Address> clerks = clerks(2);
        world.addClerks(clerks);
        Workload.Run run = Workload.generated(clerks, 40, mixed(List.of("k0", "k1", "k2"), 2)).start(world.sim);
        world.sim.runFor(200);
        world.crash(S2);
        finish(world, run, 80, FAILOVER_MILLIS + 10_000, "after the backup s2 died for good (only s1 is left)");
        assertEquals(View.NOBODY, world.view().backup(), "with s2 dead and no other server, the view should have"
                + " primary s1 and no backup");
        KvHistories.assertLinearizable("primaryCarriesOnAloneWhenBackupDies", run.history());
        world.addServer(S3);
        world.awaitRoles(S1, S3, FAILOVER_MILLIS);
        assertNothingLostWhenPrimaryDies(world, clerk(0), List.of("k0", "k1", "k2"), run.history(),
                "primaryCarriesOnAloneWhenBackupDies");
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.UNRELIABLE)
    @Description("A new backup joins while clients keep appending; the first state transfers are held up for"
            + " 600 ms, then the primary's messages to the backup are lost, duplicated and delayed: a late copy"
            + " of an old transfer must not roll the backup back. The backup ends equal to the primary, and"
            + " nothing is lost when the primary dies.")
    void stateTransferSurvivesLostDelayedAndDuplicatedMessages(TestRun test) {
        PbkvWorld world = new PbkvWorld(test.simulation());
        world.addServer(S1);
        world.awaitRoles(S1, View.NOBODY, FAILOVER_MILLIS);
        List<Address> clerks = clerks(3);
        world.addClerks(clerks);
        Workload.Run run = Workload.generated(clerks, chain("chain")).start(world.sim);
        world.sim.runFor(300);
        Links toBackup = Links.between(S1, S2);
        // s1 hears of its new backup within a ping interval, so it sends transfers in the first 250 ms; they
        // arrive 600-700 ms late, each twice, long after a later transfer got through and writes followed it.
        world.sim.apply(Scenario.named("s1's messages to the new backup s2: held up, then lossy and duplicated")
                .at(0).delay(Delay.between(600, 700), toBackup)
                .at(0).duplicate(1.0, toBackup)
                .at(250).delay(Delay.between(1, 10).withTail(0.2, 300), toBackup)
                .at(250).duplicate(0.3, toBackup)
                .at(250).drop(0.2, toBackup)
                .at(1_200).reliable()
                .build());
        world.addServer(S2);
        world.sim.runFor(1_500);
        run.stop();
        finish(world, run, run.history().size(), 20_000, "while a new backup received the state");
        settle(world);
        world.assertBackupMatchesPrimary();
        Address primary = world.view().primary();
        world.crash(primary);
        Result chain = world.call(clerk(0), new Get("chain"), FAILOVER_MILLIS + 2_000);
        assertChain(((GetResult) chain).value(), run.history());
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.PARTITION)
    @Description("A backup never answers clients, not even Gets: a client that still takes it for the primary"
            + " (its view is old) must not read the backup's stale data once the backup has been replaced.")
    void backupNeverServesClients(TestRun test) {
        PbkvWorld world = primaryAndBackup(test);
        world.crash(S1);
        world.awaitRoles(S2, View.NOBODY, FAILOVER_MILLIS);
        world.restart(S1);
        world.awaitRoles(S2, S1, FAILOVER_MILLIS);
        Address stale = clerk(0);
        world.addClerks(List.of(stale));
        world.call(stale, new Put("a", "1"), 2_000); // c0 now knows s2 as primary
        world.sim.apply(Scenario.named("c0 cut off from the view service")
                .at(0).cut(stale, VIEW_SERVICE).at(0).cut(VIEW_SERVICE, stale).build());
        world.crash(S2);
        world.restart(S2);
        world.awaitRoles(S1, S2, FAILOVER_MILLIS); // s2 restarted empty: s1 is primary, s2 its new backup
        Address fresh = clerk(1);
        world.addClerks(List.of(fresh));
        world.call(fresh, new Put("a", "2"), 2_000);
        world.sim.apply(Scenario.named("backup s2 and c0 partitioned from the rest")
                .at(0).partition(Set.of(S2, stale), Set.of(VIEW_SERVICE, S1, S3, fresh)).build());
        world.addServer(S3);
        world.awaitRoles(S1, S3, FAILOVER_MILLIS + 2_000);
        world.call(fresh, new Put("a", "3"), 2_000);
        PbkvWorld.Call read = world.start(stale, new Get("a"));
        world.sim.runFor(1_000);
        assertFalse(read.done() && !read.result().equals(new GetResult("3")), "c0 still took s2 for the primary"
                + " and sent it Get(a); s2 is only a backup (and has since been replaced), yet it answered "
                + read.result() + " while a=3 had been written at primary s1. Only the primary of the current view"
                + " may answer clients: a backup must turn every request away.");
        world.sim.apply(Scenario.named("partition healed at " + world.sim.now() + " ms").at(0).heal().build());
        assertTrue(world.sim.runUntil(read::done, FAILOVER_MILLIS), "after the partition healed c0's Get should"
                + " reach primary s1; the view service is at " + world.view());
        assertEquals(new GetResult("3"), read.result(), "after the partition healed, c0's Get should return a=3");
        KvHistories.assertLinearizable("backupNeverServesClients", world.calls());
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.UNRELIABLE)
    @Description("Over real TCP sockets in real time, with 5% of messages lost, two clients' operations all"
            + " complete and are linearizable (the same code as in the simulator, on a live network)."
            + TestRun.LIVE_RULE)
    void liveOverTcp(TestRun test) {
        Cluster live = test.live(LiveCluster::overTcp);
        live.add(VIEW_SERVICE, ViewService::new);
        live.add(S1, a -> new PBServer(a, VIEW_SERVICE));
        assertTrue(live.runUntil(() -> liveView(live).isPrimary(S1), 2_000), "s1 should become primary within 2 s"
                + " of real time; the view service is at " + liveView(live));
        live.add(S2, a -> new PBServer(a, VIEW_SERVICE));
        assertTrue(live.runUntil(() -> liveView(live).isBackup(S2)
                        && live.inspect(S2, n -> ((PBServer) n).view()).orElse(View.initial()).equals(liveView(live)),
                2_000), "s2 should become backup within 2 s of real time; the view service is at " + liveView(live));
        List<Address> clerks = clerks(2);
        for (Address clerk : clerks) {
            live.add(clerk, a -> new Clerk(a, VIEW_SERVICE));
        }
        live.apply(Scenario.named("5% of messages lost").at(0).drop(0.05).build());
        Workload.Run run = Workload.generated(clerks, 15, mixed(List.of("k0", "k1"))).start(live);
        assertTrue(live.runUntil(run::done, 5_000), "over TCP the clients finished only " + run.completed()
                + " of 30 operations in 5 s of real time; the view service is at " + liveView(live));
        KvHistories.assertLinearizable("liveOverTcp", run.history());
    }

    private static View liveView(Cluster live) {
        return live.inspect(VIEW_SERVICE, n -> ((ViewService) n).view()).orElse(View.initial());
    }
}
