package faultline.suites.shardkv;

import static faultline.suites.shardkv.ShardWorld.MOVE_MILLIS;
import static faultline.suites.shardkv.ShardWorld.clerk;
import static faultline.suites.shardkv.ShardWorld.clerks;
import static faultline.suites.shardkv.ShardWorld.cutApart;
import static faultline.suites.shardkv.ShardWorld.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.fault.Delay;
import faultline.framework.fault.Links;
import faultline.framework.fault.Scenario;
import faultline.framework.cluster.Cluster;
import faultline.framework.live.LiveCluster;
import faultline.labs.kv.Append;
import faultline.labs.kv.AppendOk;
import faultline.labs.kv.Get;
import faultline.labs.kv.GetResult;
import faultline.labs.kv.Put;
import faultline.labs.kv.PutOk;
import faultline.labs.shardkv.Config;
import faultline.labs.shardkv.Configured;
import faultline.labs.shardkv.Join;
import faultline.labs.shardkv.MasterClerk;
import faultline.labs.shardkv.Move;
import faultline.labs.shardkv.Ok;
import faultline.labs.shardkv.Query;
import faultline.labs.shardkv.ShardClerk;
import faultline.labs.shardkv.ShardMaster;
import faultline.labs.shardkv.ShardServer;
import faultline.testkit.check.AppendChains;
import faultline.testkit.check.Budgets;
import faultline.testkit.check.Liveness;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;
import faultline.testkit.workload.CommandSource;
import faultline.testkit.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Lab 4's replica groups: serving and handing shards over as groups join and leave, a group cut off, limping
 * groups, minorities switched off, concurrent clients during moves (reliable and not) checked for
 * linearizability and at-most-once, configurations in order, groups that need each other's shards, an old
 * owner that must stop serving, ownership decided when a command is applied, failover within a group, a
 * hand-off arriving again late, a shard moved back and forth, the group log freed, groups of one and four
 * servers, and a run over real TCP. 88 points.
 */
public class ShardKvSuite {

    /** How long after the network heals every client must have finished: the stated liveness bound. */
    static final long HEALED_BOUND_MILLIS = 5_000;

    /** Keys for the tests: two per shard, so every shard holds data. */
    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (int shard = 0; shard < Config.SHARDS; shard++) {
            keys.add(key(shard, "a"));
            keys.add(key(shard, "b"));
        }
        return keys;
    }

    /** Three groups of three servers, a clerk c0; group 1 joined and settled, every key put. */
    static ShardWorld threeGroups(TestRun test, Map<String, String> values) {
        ShardWorld world = new ShardWorld(test.simulation());
        for (int group = 1; group <= 3; group++) {
            world.addGroup(group, 3);
        }
        world.addClerks(clerks(1));
        world.join(1);
        world.awaitSettled(1, MOVE_MILLIS);
        for (String key : keys()) {
            assertEquals(new PutOk(), world.call(clerk(0), new Put(key, key + "="), MOVE_MILLIS));
            values.put(key, key + "=");
        }
        return world;
    }

    /** Runs until every live group server has reached configuration {@code number} (its shards may still be on their way). */
    static void awaitReached(ShardWorld world, int number, List<Integer> groups) {
        assertTrue(world.sim.runUntil(() -> groups.stream().flatMap(g -> world.group(g).stream())
                        .allMatch(s -> world.configNumber(s) == number || world.configNumber(s) == -1), MOVE_MILLIS),
                "every server of groups " + groups + " should reach configuration " + number + " within " + MOVE_MILLIS
                        + " ms; reached: " + world.reached());
    }

    /** Appends a round marker to every key and reads every key back, checking each value. */
    static void appendAndReadAll(ShardWorld world, Map<String, String> values, String round, String when) {
        for (String key : values.keySet()) {
            assertEquals(new AppendOk(), world.call(clerk(0), new Append(key, round), MOVE_MILLIS));
            values.merge(key, round, String::concat);
        }
        for (Map.Entry<String, String> entry : values.entrySet()) {
            world.assertValue(clerk(0), entry.getKey(), entry.getValue(), when + ": every key must stay readable"
                    + " with its latest value; a group serves a shard it gained only once the shard's data has"
                    + " arrived from its previous owner");
        }
    }

    @SeededTest
    @Points(8)
    @Category(TestCategory.BASIC)
    @Description("Groups join one by one and then leave; right after each change (before the shards have"
            + " settled) every key is appended to and read back with its latest value, and once settled each"
            + " shard is served by exactly one group. The whole history is linearizable.")
    void joinAndLeaveKeepEveryKeyReadable(TestRun test) {
        Map<String, String> values = new TreeMap<>();
        ShardWorld world = threeGroups(test, values);
        int number = 1;
        appendAndReadAll(world, values, ".1", "with group 1 alone");
        List<Command> changes = List.of(new Join(2, world.group(2)), new Join(3, world.group(3)),
                new faultline.labs.shardkv.Leave(1), new faultline.labs.shardkv.Leave(2),
                new Join(1, world.group(1)));
        for (Command change : changes) {
            assertEquals(new Ok(), world.admin(change), change + " should succeed");
            number++;
            awaitReached(world, number, List.of(1, 2, 3));
            appendAndReadAll(world, values, "." + number, "right after " + change);
            world.awaitSettled(number, MOVE_MILLIS);
            world.assertEachShardServedByOneGroup(world.latest());
        }
        KvHistories.assertLinearizable("joinAndLeaveKeepEveryKeyReadable", world.calls());
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.PARTITION)
    @Description("With groups 1 and 2 serving five shards each, group 1 is cut off from everyone: Gets of the"
            + " five keys of group 2's shards finish with the right values, and none of the five of group 1's"
            + " shards does (between a third and two thirds of the keys are served, by the one group that owns"
            + " them). After healing, all ten finish within the stated bound.")
    void groupCutOffServesOnlyTheOthersShards(TestRun test) {
        ShardWorld world = new ShardWorld(test.simulation());
        world.addGroup(1, 3);
        world.addGroup(2, 3);
        List<Address> readers = IntStream.range(0, Config.SHARDS).mapToObj(i -> Address.of("r" + i)).toList();
        world.addClerks(clerks(1));
        world.addClerks(readers);
        world.join(1);
        world.join(2);
        world.awaitSettled(2, MOVE_MILLIS);
        Config config = world.latest();
        world.assertEachShardServedByOneGroup(config);
        List<String> keys = ShardWorld.keyPerShard();
        for (String key : keys) {
            world.call(clerk(0), new Put(key, "v" + key), MOVE_MILLIS);
        }
        for (Address reader : readers) {
            world.call(reader, new Get(keys.get(0)), MOVE_MILLIS); // each reader learns the configuration
        }
        Scenario.Builder cut = Scenario.named("group 1 cut off");
        for (Address server : world.group(1)) {
            cut.at(0).isolate(server);
        }
        world.apply(cut.build());
        List<ShardWorld.Call> gets = new ArrayList<>();
        for (int shard = 0; shard < Config.SHARDS; shard++) {
            gets.add(world.start(readers.get(shard), new Get(keys.get(shard))));
        }
        world.sim.runFor(3_000);
        int served = 0;
        for (int shard = 0; shard < Config.SHARDS; shard++) {
            ShardWorld.Call get = gets.get(shard);
            boolean ofGroup2 = config.owner(shard) == 2;
            assertEquals(ofGroup2, get.done(), "with group 1 cut off, the Get of shard " + shard + " (group "
                    + config.owner(shard) + ") should " + (ofGroup2 ? "" : "not ") + "finish within 3 s");
            if (get.done()) {
                served++;
                assertEquals(new GetResult("v" + keys.get(shard)), get.result(), "Get of shard " + shard);
            }
        }
        assertTrue(served > Config.SHARDS / 3 && served < 2 * Config.SHARDS / 3 + 1, "between a third and two"
                + " thirds of the keys should be served with group 1 cut off; " + served + " were");
        world.apply(Scenario.named("healed").at(0).heal().build());
        Liveness.within(world.sim, HEALED_BOUND_MILLIS, "every Get finishing after the network healed",
                () -> gets.stream().allMatch(ShardWorld.Call::done));
        KvHistories.assertLinearizable("groupCutOffServesOnlyTheOthersShards", world.calls());
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.CRASH)
    @Description("One server of every group is dead from the start; groups join and leave, and a leaving group"
            + " is killed entirely 2 s after its Leave: every key stays readable with its latest value.")
    void limpingGroups(TestRun test) {
        Map<String, String> values = new TreeMap<>();
        ShardWorld world = new ShardWorld(test.simulation());
        for (int group = 1; group <= 3; group++) {
            world.addGroup(group, 3);
        }
        world.addClerks(clerks(1));
        Scenario.Builder limp = Scenario.named("one server of each group dead");
        for (int group = 1; group <= 3; group++) {
            limp.at(0).crash(world.group(group).get(2));
        }
        world.apply(limp.build());
        world.join(1);
        for (String key : keys()) {
            world.call(clerk(0), new Put(key, key + "="), MOVE_MILLIS);
            values.put(key, key + "=");
        }
        world.join(2);
        world.join(3);
        appendAndReadAll(world, values, ".3", "after groups 2 and 3 joined, with a server of each group dead");
        world.leave(1);
        world.sim.runFor(2_000);
        Scenario.Builder kill = Scenario.named("group 1 killed 2 s after its Leave");
        world.group(1).forEach(server -> kill.at(0).crash(server));
        world.apply(kill.build());
        appendAndReadAll(world, values, ".4", "after group 1 left and was killed");
        world.leave(2);
        appendAndReadAll(world, values, ".5", "after group 2 left too");
        KvHistories.assertLinearizable("limpingGroups", world.calls());
    }

    /** Random Gets, Puts and Appends on {@code keys}, each value naming its client and index. */
    static CommandSource mixed(List<String> keys) {
        return (client, index, random) -> {
            String key = keys.get(random.nextInt(keys.size()));
            int roll = random.nextInt(10);
            if (roll < 4) {
                return Optional.of(new Get(key));
            } else if (roll < 6) {
                return Optional.of(new Put(key, "c" + client + "." + index));
            }
            return Optional.of(new Append(key, "+c" + client + "." + index));
        };
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.PARTITION)
    @Description("Every second a different minority server of each group is switched off (cut off from all)"
            + " while three clients work and groups leave and join; after the network heals every client"
            + " finishes within the stated bound, and the history is linearizable.")
    void minorityOfEachGroupSwitchedOff(TestRun test) {
        Map<String, String> values = new TreeMap<>();
        ShardWorld world = threeGroups(test, values);
        world.join(2);
        world.join(3);
        List<Address> clients = List.of(clerk(1), clerk(2), clerk(3));
        world.addClerks(clients);
        Scenario.Builder off = Scenario.named("a minority of each group switched off, changing every second");
        for (int round = 0; round < 8; round++) {
            off.at(round * 1_000L).heal();
            for (int group = 1; group <= 3; group++) {
                off.at(round * 1_000L).isolate(world.group(group).get((round + group) % 3));
            }
        }
        off.at(8_000).heal();
        long start = world.sim.now();
        world.apply(off.build());
        Workload.Run run = Workload.generated(clients, mixed(keys().subList(0, 8))).start(world.sim);
        world.sim.runFor(2_500);
        world.leave(1);
        world.sim.runFor(1_500);
        world.admin(new Join(1, world.group(1)));
        world.sim.runFor(Math.max(0, start + 8_000 - world.sim.now()));
        run.stop();
        Liveness.within(world.sim, HEALED_BOUND_MILLIS, "every client finishing after the network healed", run::done);
        assertTrue(run.completed() > 30, "the clients should complete many operations while only minorities were"
                + " off; they completed " + run.completed());
        KvHistories.assertLinearizable("minorityOfEachGroupSwitchedOff", world.calls(), run.history());
    }

    /** Each client appends its own tokens to every one of {@code keys} in turn, numbered per key, with Gets between. */
    static CommandSource chains(List<String> keys, int clients) {
        int[][] next = new int[clients][keys.size()];
        return (client, index, random) -> {
            int which = index / 2 % keys.size();
            String key = keys.get(which);
            if (index % 2 == 1) {
                return Optional.of(new Get(key));
            }
            return Optional.of(new Append(key, AppendChains.token(client, next[client][which]++)));
        };
    }

    /**
     * Five clients append chains to keys of four shards while the admin moves shards about (a Move every
     * 150 ms, a Leave and a Join); then every chain must hold each acknowledged Append once, in order,
     * and the whole history must be linearizable.
     */
    static void clientsDuringMoves(TestRun test, Scenario network, String name) {
        ShardWorld world = new ShardWorld(test.simulation());
        for (int group = 1; group <= 3; group++) {
            world.addGroup(group, 3);
        }
        List<Address> clients = clerks(5);
        world.addClerks(clients);
        world.join(1);
        world.join(2);
        world.join(3);
        world.awaitSettled(3, MOVE_MILLIS);
        world.apply(network);
        List<String> chained = List.of(key(0, "x"), key(3, "x"), key(6, "x"), key(9, "x"));
        Workload.Run run = Workload.generated(clients, 40, chains(chained, clients.size())).start(world.sim);
        SplittableRandom random = new SplittableRandom(test.seed());
        for (int step = 0; step < 15; step++) {
            if (step == 5) {
                world.leave(2);
            } else if (step == 10) {
                world.admin(new Join(2, world.group(2)));
            } else {
                int[] live = world.latest().groups().keySet().stream().mapToInt(Integer::intValue).toArray();
                world.move(new int[] {0, 3, 6, 9}[random.nextInt(4)], live[random.nextInt(live.length)]);
            }
            world.sim.runFor(150);
        }
        run.stop();
        world.apply(Scenario.named("network repaired").at(0).reliable().at(0).heal().build());
        Liveness.within(world.sim, HEALED_BOUND_MILLIS, "every client finishing after the moves stopped", run::done);
        assertTrue(run.completed() >= 80, "the five clients should complete at least 80 of their 200 operations"
                + " while shards move; they completed " + run.completed());
        for (String key : chained) {
            Object value = world.call(clerk(0), new Get(key), MOVE_MILLIS);
            assertTrue(value instanceof GetResult, "a Get answers a GetResult, not " + value);
            KvHistories.assertChain(key, ((GetResult) value).value(), run.history());
        }
        KvHistories.assertLinearizable(name, run.history());
    }

    @SeededTest
    @Points(7)
    @Category(TestCategory.CONCURRENCY)
    @Description("Five clients append and read on four shards while shards move every 150 ms and a group leaves"
            + " and rejoins: every Append lands exactly once, in order, and the history across shards is"
            + " linearizable.")
    void concurrentClientsDuringMoves(TestRun test) {
        clientsDuringMoves(test, Scenario.none(), "concurrentClientsDuringMoves");
    }

    @SeededTest
    @Points(7)
    @Category(TestCategory.UNRELIABLE)
    @Description("As with concurrent clients during moves, on a network that loses 10% and duplicates 5% of"
            + " messages: retried Appends land once even when the shard moved between the tries.")
    void concurrentClientsDuringMovesUnreliable(TestRun test) {
        clientsDuringMoves(test, Scenario.named("10% lost, 5% duplicated").at(0).drop(0.1).at(0).duplicate(0.05)
                .build(), "concurrentClientsDuringMovesUnreliable");
    }

    /** Groups 1 and 2 joined and settled at configuration 2, with clerk c0. */
    static ShardWorld twoGroups(TestRun test) {
        ShardWorld world = new ShardWorld(test.simulation());
        world.addGroup(1, 3);
        world.addGroup(2, 3);
        world.addClerks(clerks(2));
        world.join(1);
        world.join(2);
        world.awaitSettled(2, MOVE_MILLIS);
        return world;
    }

    /** The lowest shard {@code group} serves in {@code config}. */
    static int shardOf(Config config, int group) {
        return IntStream.range(0, Config.SHARDS).filter(s -> config.owner(s) == group).findFirst().orElseThrow();
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.UNRELIABLE)
    @Description("Group 1 applies an Append but every reply to the clerk is lost; the shard then moves to group 2,"
            + " where the clerk's retry lands: group 2 must recognise it from the at-most-once table that came"
            + " with the shard, and not append again.")
    void atMostOnceAcrossMoves(TestRun test) {
        ShardWorld world = twoGroups(test);
        int shard = shardOf(world.latest(), 1);
        String key = key(shard, "once");
        world.call(clerk(0), new Put(key, "v"), MOVE_MILLIS);
        Scenario.Builder lost = Scenario.named("group 1's messages to c0 lost");
        world.group(1).forEach(server -> lost.at(0).cut(server, clerk(0)));
        world.apply(lost.build());
        ShardWorld.Call append = world.start(clerk(0), new Append(key, "+x"));
        world.sim.runFor(500);
        assertTrue(!append.done(), "the Append cannot have returned: group 1's replies to c0 are cut");
        world.move(shard, 2);
        world.awaitSettled(3, MOVE_MILLIS);
        assertTrue(world.sim.runUntil(append::done, MOVE_MILLIS), "the clerk's retry should reach group 2 and finish"
                + " within " + MOVE_MILLIS + " ms; reached: " + world.reached());
        world.apply(Scenario.named("healed").at(0).heal().build());
        world.assertValue(clerk(0), key, "v+x", "group 1 applied the Append before the shard moved; group 2 must"
                + " know that from the shard's at-most-once table and not apply the clerk's retry again");
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.PARTITION)
    @Description("A group cut off from the shard master while a shard moves to another group and then to it"
            + " goes through every configuration in order once it can reach the master again: it fetches the"
            + " shard from the group that had it last, with the write made there, instead of skipping ahead.")
    void configurationsAppliedInOrder(TestRun test) {
        ShardWorld world = new ShardWorld(test.simulation());
        for (int group = 1; group <= 3; group++) {
            world.addGroup(group, 3);
        }
        world.addClerks(clerks(1));
        world.join(1);
        world.join(2);
        world.join(3);
        world.awaitSettled(3, MOVE_MILLIS);
        int shard = shardOf(world.latest(), 1);
        String key = key(shard, "order");
        world.call(clerk(0), new Put(key, "at1"), MOVE_MILLIS);
        world.apply(cutApart(Scenario.named("group 3 cut off from the shard master"), 0, world.group(3), world.masters)
                .build());
        world.move(shard, 2);
        awaitReached(world, 4, List.of(1, 2));
        world.call(clerk(0), new Append(key, "+at2"), MOVE_MILLIS);
        world.move(shard, 3);
        awaitReached(world, 5, List.of(1, 2));
        assertTrue(world.group(3).stream().allMatch(s -> world.configNumber(s) == 3), "group 3 cannot have moved on"
                + " while cut off from the master; reached: " + world.reached());
        world.apply(Scenario.named("healed").at(0).heal().build());
        Liveness.within(world.sim, HEALED_BOUND_MILLIS, "group 3 reaching configuration 5 with the shard's data",
                () -> world.group(3).stream().allMatch(s -> world.configNumber(s) == 5));
        world.assertValue(clerk(0), key, "at1+at2", "group 3 must take the shard from group 2, which had it in"
                + " configuration 4 and took the Append; moving configuration by configuration, in order, gets it there");
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.CONCURRENCY)
    @Description("Group 1 hands a shard to group 2 and at once waits for another shard from group 2, which is"
            + " itself still waiting for the first: both must get their shards (a group answers fetches of what"
            + " it handed off even while it waits for shards of its own), so every key stays readable.")
    void groupsNeedingEachOthersShardsDoNotDeadlock(TestRun test) {
        ShardWorld world = twoGroups(test);
        Config config = world.latest();
        int fromOne = shardOf(config, 1);
        int fromTwo = shardOf(config, 2);
        List<String> keys = ShardWorld.keyPerShard();
        for (String key : keys) {
            world.call(clerk(0), new Put(key, "v" + key), MOVE_MILLIS);
        }
        world.apply(cutApart(Scenario.named("group 2 cut off from the shard master"), 0, world.group(2), world.masters)
                .build());
        world.move(fromOne, 2);
        world.move(fromTwo, 1);
        awaitReached(world, 4, List.of(1));
        world.apply(Scenario.named("healed").at(0).heal().build());
        Liveness.within(world.sim, HEALED_BOUND_MILLIS, "both groups settling in configuration 4",
                () -> world.group(2).stream().allMatch(s -> world.configNumber(s) == 4));
        for (String key : keys) {
            world.assertValue(clerk(0), key, "v" + key, "after groups 1 and 2 swapped shards");
        }
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.PARTITION)
    @Description("A clerk that still believes an old configuration sends a Put to the group that handed the"
            + " shard off: that group must turn it away, so the Put lands at the new owner and a later Get sees it.")
    void oldOwnerTurnsAwayAfterHandoff(TestRun test) {
        ShardWorld world = twoGroups(test);
        int shard = shardOf(world.latest(), 1);
        String key = key(shard, "old");
        world.call(clerk(1), new Put(key, "first"), MOVE_MILLIS); // c1 now knows configuration 2
        world.move(shard, 2);
        world.awaitSettled(3, MOVE_MILLIS);
        world.call(clerk(1), new Put(key, "second"), MOVE_MILLIS);
        world.assertValue(clerk(0), key, "second", "c1's Put went first to group 1, which had handed the shard to"
                + " group 2; group 1 must answer that it is the wrong group, not keep serving the shard");
        world.assertEachShardServedByOneGroup(world.latest());
        KvHistories.assertLinearizable("oldOwnerTurnsAwayAfterHandoff", world.calls());
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.PARTITION)
    @Description("A server cut off from its own group accepts a Put for a shard its group has meanwhile handed"
            + " off; once it rejoins, the Put comes up in the log after the hand-off and must be answered"
            + " 'wrong group' (ownership is checked when a command is applied, not when it arrives).")
    void ownershipCheckedWhenApplied(TestRun test) {
        ShardWorld world = twoGroups(test);
        int shard = shardOf(world.latest(), 1);
        String key = key(shard, "late");
        world.call(clerk(1), new Put(key, "early"), MOVE_MILLIS); // c1 knows configuration 2
        List<Address> group1 = world.group(1);
        Address lone = group1.get(0);
        List<Address> rest = group1.subList(1, 3);
        world.apply(cutApart(Scenario.named("g1s0 cut off from the rest of group 1"), 0, List.of(lone), rest).build());
        world.move(shard, 2);
        assertTrue(world.sim.runUntil(() -> rest.stream().allMatch(s -> world.configNumber(s) == 3)
                && world.group(2).stream().allMatch(s -> world.configNumber(s) == 3), MOVE_MILLIS),
                "group 1's majority and group 2 should reach configuration 3; reached: " + world.reached());
        world.awaitSettledExcept(3, lone, MOVE_MILLIS);
        // c1 may reach only g1s0 for now, which still believes configuration 2
        Scenario.Builder only = Scenario.named("c1 reaches only g1s0");
        cutApart(only, 0, List.of(clerk(1)), rest);
        cutApart(only, 0, List.of(clerk(1)), world.group(2));
        cutApart(only, 0, List.of(clerk(1)), world.masters);
        world.apply(only.build());
        ShardWorld.Call put = world.start(clerk(1), new Put(key, "late"));
        world.sim.runFor(200);
        Scenario.Builder rejoin = Scenario.named("g1s0 rejoins its group; c1 still reaches only g1s0");
        rejoin.at(0).heal();
        cutApart(rejoin, 0, List.of(clerk(1)), rest);
        cutApart(rejoin, 0, List.of(clerk(1)), world.group(2));
        cutApart(rejoin, 0, List.of(clerk(1)), world.masters);
        world.apply(rejoin.build());
        world.sim.runFor(1_000);
        world.apply(Scenario.named("healed").at(0).heal().build());
        assertTrue(world.sim.runUntil(put::done, MOVE_MILLIS), "c1's Put should finish once the network healed");
        Address fresh = Address.of("fresh");
        world.addClerks(List.of(fresh));
        world.assertValue(fresh, key, "late", "c1's Put returned, so a Get started after it must see it; if it"
                + " was answered by group 1 after group 1 had handed the shard to group 2, group 2 never got it");
        world.awaitSettled(3, MOVE_MILLIS);
        world.assertEachShardServedByOneGroup(world.latest());
        KvHistories.assertLinearizable("ownershipCheckedWhenApplied", world.calls());
    }

    /** Twelve Appends through one clerk, with one server of the group down, must take at most this long. */
    static final long FAILOVER_BOUND_MILLIS = 700;

    @SeededTest
    @Points(5)
    @Category(TestCategory.CRASH)
    @Description("Each server of group 1 in turn is cut off from everyone while a clerk makes twelve Appends to"
            + " a shard of group 1: the clerk must fail over to another server of the group and stay there, so"
            + " the twelve finish within " + FAILOVER_BOUND_MILLIS + " ms (one retry, not one per command).")
    void clerkFailsOverWithinAGroup(TestRun test) {
        ShardWorld world = twoGroups(test);
        int shard = shardOf(world.latest(), 1);
        String key = key(shard, "failover");
        world.call(clerk(0), new Put(key, "v"), MOVE_MILLIS);
        StringBuilder expected = new StringBuilder("v");
        for (Address down : world.group(1)) {
            world.apply(Scenario.named(down + " down").at(0).isolate(down).build());
            long start = world.sim.now();
            for (int i = 0; i < 12; i++) {
                String token = "." + down.name() + "-" + i;
                assertEquals(new AppendOk(), world.call(clerk(0), new Append(key, token), MOVE_MILLIS),
                        "an Append to group 1 with " + down + " down (the other two are a majority)");
                expected.append(token);
            }
            long took = world.sim.now() - start;
            assertTrue(took <= FAILOVER_BOUND_MILLIS, "with " + down + " down, twelve Appends to group 1 took " + took
                    + " ms, over " + FAILOVER_BOUND_MILLIS + " ms: once another server of the group answered, the"
                    + " clerk should go to that one first, not start again at a server that does not answer");
            world.apply(Scenario.named(down + " back").at(0).heal().build());
        }
        world.assertValue(clerk(0), key, expected.toString(), "after each server of group 1 was down in turn");
        KvHistories.assertLinearizable("clerkFailsOverWithinAGroup", world.calls());
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.UNRELIABLE)
    @Description("A shard moves from group 1 to group 2 while group 1's messages to group 2 take 400 ms, so"
            + " answers to group 2's repeated fetches keep arriving long after the first was installed; group 2"
            + " serves the shard and takes a write meanwhile: a hand-off arriving again must not be installed"
            + " again, over the newer write.")
    void lateRepeatedHandoffNotInstalledAgain(TestRun test) {
        ShardWorld world = twoGroups(test);
        int shard = shardOf(world.latest(), 1);
        String key = key(shard, "handoff");
        world.call(clerk(0), new Put(key, "before"), MOVE_MILLIS);
        Scenario.Builder slow = Scenario.named("group 1 to group 2 takes 400 ms");
        for (Address from : world.group(1)) {
            for (Address to : world.group(2)) {
                slow.at(0).delay(Delay.between(400, 400), Links.between(from, to));
            }
        }
        world.apply(slow.build());
        world.move(shard, 2);
        assertTrue(world.sim.runUntil(() -> world.group(2).stream()
                        .allMatch(s -> world.configNumber(s) == 3 && world.server(s).serves(shard)), MOVE_MILLIS),
                "group 2 should reach configuration 3 and serve shard " + shard + " within " + MOVE_MILLIS
                        + " ms; reached: " + world.reached());
        world.apply(Scenario.named("group 1 fast again").at(0).reliable().build());
        world.call(clerk(0), new Append(key, "+after"), MOVE_MILLIS);
        world.sim.runFor(1_000);
        world.assertValue(clerk(0), key, "before+after", "group 2 took the Append after it installed the shard; the"
                + " hand-offs that answered its other fetches came later and must be ignored (install a shard once,"
                + " for the configuration that gave it, only while it is still missing)");
        KvHistories.assertLinearizable("lateRepeatedHandoffNotInstalledAgain", world.calls());
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.PARTITION)
    @Description("One shard moves between groups 1 and 2 six times, an Append after each move; at every move the"
            + " group giving it up is cut off from the shard master until the group taking it has reached the new"
            + " configuration and asked for the shard. A group answers such a fetch only with the shard as it"
            + " handed it off for that configuration, never with a copy from an earlier time it gave it away.")
    void shardMovingBackAndForthKeepsEveryWrite(TestRun test) {
        ShardWorld world = twoGroups(test);
        int shard = shardOf(world.latest(), 1);
        String key = key(shard, "roundtrip");
        world.call(clerk(0), new Put(key, "v"), MOVE_MILLIS);
        StringBuilder expected = new StringBuilder("v");
        int giver = 1;
        for (int round = 0; round < 6; round++) {
            int taker = 3 - giver;
            int number = world.latest().number() + 1;
            world.apply(cutApart(Scenario.named("group " + giver + " cut off from the shard master"), 0,
                    world.group(giver), world.masters).build());
            world.move(shard, taker);
            awaitReached(world, number, List.of(taker));
            world.sim.runFor(300);
            world.apply(Scenario.named("healed").at(0).heal().build());
            world.awaitSettled(number, MOVE_MILLIS);
            String token = "." + round;
            world.call(clerk(0), new Append(key, token), MOVE_MILLIS);
            expected.append(token);
            world.assertValue(clerk(0), key, expected.toString(), "after the shard's move number " + (round + 1)
                    + " (to group " + taker + ", which asked group " + giver + " for it before group " + giver
                    + " had moved on): the shard must arrive as its last owner handed it off for this configuration,"
                    + " not as a copy kept from an earlier hand-off");
            giver = taker;
        }
        KvHistories.assertLinearizable("shardMovingBackAndForthKeepsEveryWrite", world.calls());
    }

    /** A group server's state after many writes to one key: its live data plus this much for tables and Paxos. */
    static final long GROUP_STATE_MARGIN_BYTES = 100_000;

    @SeededTest
    @Points(4)
    @Category(TestCategory.PERFORMANCE)
    @Description("Forty Puts of 20 KB values to one key of group 1: once every server of the group has applied"
            + " them, each one's state (its fields, serialized, Paxos included) must be within "
            + GROUP_STATE_MARGIN_BYTES + " bytes of its live data: the group's log must be freed as it is applied.")
    void groupLogFreedOverManyWrites(TestRun test) {
        ShardWorld world = twoGroups(test);
        int shard = shardOf(world.latest(), 1);
        String key = key(shard, "big");
        SplittableRandom random = new SplittableRandom(test.seed());
        String last = "";
        for (int i = 0; i < 40; i++) {
            StringBuilder value = new StringBuilder(20_000).append(i).append(':');
            while (value.length() < 20_000) {
                value.append((char) ('a' + random.nextInt(26)));
            }
            last = value.toString();
            world.call(clerk(0), new Put(key, last), MOVE_MILLIS);
        }
        world.assertValue(clerk(0), key, last, "after forty Puts");
        world.sim.runFor(2_000);
        for (Address server : world.group(1)) {
            long bytes = Budgets.stateBytes(world.server(server));
            assertTrue(bytes <= last.length() + GROUP_STATE_MARGIN_BYTES, server + "'s state is " + bytes + " bytes"
                    + " for about " + last.length() + " bytes of live data: a replica must call done on Paxos once it"
                    + " has applied an instance, so the log of applied operations is freed");
        }
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.PARTITION)
    @Description("Groups of unusual sizes: group 1 has one server and group 2 four. Every shard is written and read;"
            + " then group 2 is cut into two halves of two, each with a clerk of its own: neither half is a"
            + " majority of four, so neither may answer, and after healing both clerks finish and agree.")
    void groupsOfOneAndFourServers(TestRun test) {
        ShardWorld world = new ShardWorld(test.simulation());
        world.addGroup(1, 1);
        world.addGroup(2, 4);
        world.addClerks(clerks(2));
        world.join(1);
        world.join(2);
        world.awaitSettled(2, MOVE_MILLIS);
        for (String key : ShardWorld.keyPerShard()) {
            world.call(clerk(0), new Put(key, "v" + key), MOVE_MILLIS);
        }
        for (String key : ShardWorld.keyPerShard()) {
            world.assertValue(clerk(1), key, "v" + key, "with groups of one and four servers");
        }
        int shard = shardOf(world.latest(), 2);
        String key = key(shard, "halves");
        List<Address> left = world.group(2).subList(0, 2);
        List<Address> right = world.group(2).subList(2, 4);
        Scenario.Builder halves = Scenario.named("group 2 cut in halves, c0 with the left, c1 with the right");
        cutApart(halves, 0, left, right);
        cutApart(halves, 0, List.of(clerk(0)), right);
        cutApart(halves, 0, List.of(clerk(1)), left);
        world.apply(halves.build());
        ShardWorld.Call leftPut = world.start(clerk(0), new Put(key, "left"));
        ShardWorld.Call rightPut = world.start(clerk(1), new Put(key, "right"));
        world.sim.runFor(1_000);
        assertTrue(!leftPut.done() && !rightPut.done(), "group 2 has four servers cut into two halves of two: two"
                + " is not a majority of four, so neither half may agree on anything, yet "
                + (leftPut.done() ? "the left half" : "the right half") + " answered a Put (a majority is more than"
                + " half of the peers)");
        world.apply(Scenario.named("healed").at(0).heal().build());
        assertTrue(world.sim.runUntil(() -> leftPut.done() && rightPut.done(), MOVE_MILLIS), "after healing both"
                + " Puts should finish within " + MOVE_MILLIS + " ms");
        Result got = world.call(clerk(0), new Get(key), MOVE_MILLIS);
        assertTrue(List.of(new GetResult("left"), new GetResult("right")).contains(got), "the key should hold one of"
                + " the two Puts, not " + got);
        KvHistories.assertLinearizable("groupsOfOneAndFourServers", world.calls());
    }

    @SeededTest
    @Points(2)
    @Category(TestCategory.UNRELIABLE)
    @Description("Over real TCP sockets in real time, with 5% of messages lost: three masters and two groups of"
            + " three; a client's operations finish across a Join and a Move, and are linearizable."
            + TestRun.LIVE_RULE)
    void liveOverTcp(TestRun test) {
        Cluster live = test.live(LiveCluster::overTcp);
        List<Address> masters = IntStream.range(0, 3).mapToObj(i -> Address.of("m" + i)).toList();
        for (Address master : masters) {
            live.add(master, a -> new ShardMaster(a, masters));
        }
        Map<Integer, List<Address>> groups = new TreeMap<>();
        for (int group = 1; group <= 2; group++) {
            List<Address> servers = ShardWorld.servers(group, 3);
            groups.put(group, servers);
            int id = group;
            servers.forEach(server -> live.add(server, a -> new ShardServer(a, id, servers, masters)));
        }
        Address admin = Address.of("admin");
        live.add(admin, a -> new MasterClerk(a, masters));
        List<Address> clients = clerks(2);
        clients.forEach(c -> live.add(c, a -> new ShardClerk(a, masters)));
        live.apply(Scenario.named("5% of messages lost").at(0).drop(0.05).build());
        liveAdmin(live, admin, new Join(1, groups.get(1)));
        Workload.Run run = Workload.generated(clients, 10, mixed(List.of(key(0, "t"), key(5, "t")))).start(live);
        liveAdmin(live, admin, new Join(2, groups.get(2)));
        liveAdmin(live, admin, new Move(0, 2));
        assertTrue(live.runUntil(run::done, 15_000), "over TCP the clients finished only " + run.completed()
                + " of 20 operations in 15 s of real time");
        KvHistories.assertLinearizable("liveOverTcp", run.history());
    }

    private static void liveAdmin(Cluster live, Address admin, Command command) {
        Object[] box = new Object[1];
        live.invoke(admin, command, (who, done, result, invokedAt, returnedAt) -> box[0] = result);
        assertTrue(live.runUntil(() -> box[0] != null, 10_000), "the shard master should answer " + command
                + " within 10 s of real time");
        assertEquals(new Ok(), box[0], command + " should succeed");
    }
}
