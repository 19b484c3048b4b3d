package faultline.suites.shardkv;

import static faultline.suites.shardkv.ShardWorld.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.fault.Scenario;
import faultline.framework.sim.Simulation;
import faultline.labs.shardkv.Config;
import faultline.labs.shardkv.Configurations;
import faultline.labs.shardkv.Configured;
import faultline.labs.shardkv.Join;
import faultline.labs.shardkv.Leave;
import faultline.labs.shardkv.MasterClerk;
import faultline.labs.shardkv.Move;
import faultline.labs.shardkv.Ok;
import faultline.labs.shardkv.Query;
import faultline.labs.shardkv.Refused;
import faultline.labs.shardkv.ShardMaster;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;
import faultline.testkit.workload.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Lab 4's shard master: its configurations (errors, numbering, balance with the fewest moves, history that
 * never changes, determinism), checked on the state machine directly, and the replicated service (concurrent
 * clerks, a replica that missed changes, an unreliable network), checked through clerks in the simulator.
 * 35 points.
 */
public class ShardMasterSuite {

    static List<Address> servers(int group) {
        return List.of(Address.of("g" + group + "a"), Address.of("g" + group + "b"), Address.of("g" + group + "c"));
    }

    static Join join(int group) {
        return new Join(group, servers(group));
    }

    /** A deep, independent copy of what a configuration says, so that later changes to it cannot hide. */
    record Snapshot(int number, List<Integer> shards, List<Integer> groups, String servers) {
        static Snapshot of(Config config) {
            return new Snapshot(config.number(), List.copyOf(config.shards()),
                    List.copyOf(new TreeSet<>(config.groups().keySet())), String.valueOf(config.groups()));
        }
    }

    static Config query(Configurations configurations, int number) {
        Result result = configurations.execute(new Query(number));
        assertTrue(result instanceof Configured, "Query(" + number + ") should answer Configured, not " + result);
        return ((Configured) result).config();
    }

    static int moved(Config before, Config after) {
        return (int) IntStream.range(0, Config.SHARDS).filter(s -> before.owner(s) != after.owner(s)).count();
    }

    /**
     * The fewest shard moves that take {@code before} to a balanced assignment over {@code groups}: each group
     * keeps at most its share of what it had, and the groups that had the most get the larger shares.
     */
    static int fewestMoves(Config before, Set<Integer> groups) {
        if (groups.isEmpty()) {
            return (int) before.shards().stream().filter(g -> g != Config.NO_GROUP).count();
        }
        List<Integer> loads = groups.stream().map(before::load).sorted(Comparator.reverseOrder()).toList();
        int share = Config.SHARDS / groups.size();
        int extra = Config.SHARDS % groups.size();
        int kept = 0;
        for (int i = 0; i < loads.size(); i++) {
            kept += Math.min(loads.get(i), share + (i < extra ? 1 : 0));
        }
        return Config.SHARDS - kept;
    }

    /** Every shard goes to a group of the configuration, and loads differ by at most one. */
    static void assertBalanced(Config config, String after) {
        if (config.groups().isEmpty()) {
            assertTrue(config.shards().stream().allMatch(g -> g == Config.NO_GROUP), "with no groups left every"
                    + " shard should be unassigned (" + Config.NO_GROUP + "), " + after + ": " + config);
            return;
        }
        for (int shard = 0; shard < Config.SHARDS; shard++) {
            assertTrue(config.groups().containsKey(config.owner(shard)), "shard " + shard + " should go to one of"
                    + " the groups " + config.groups().keySet() + ", " + after + ": " + config);
        }
        int most = config.groups().keySet().stream().mapToInt(config::load).max().orElseThrow();
        int least = config.groups().keySet().stream().mapToInt(config::load).min().orElseThrow();
        assertTrue(most <= least + 1, "the shards should be balanced (the most loaded group serving at most one"
                + " more than the least), " + after + ": " + config);
    }

    /** Applies {@code command} and checks balance, numbering and the fewest moves for a Join or a Leave. */
    static void applyAndCheck(Configurations configurations, Command command) {
        Config before = query(configurations, Query.LATEST);
        Snapshot snapshot = Snapshot.of(before);
        Result result = configurations.execute(command);
        assertEquals(new Ok(), result, command + " should succeed on " + before);
        Config after = query(configurations, Query.LATEST);
        assertEquals(before.number() + 1, after.number(), command + " should make exactly one new configuration");
        assertEquals(snapshot, Snapshot.of(query(configurations, before.number())), "configuration "
                + before.number() + " changed when " + command + " made the next one: every configuration must be"
                + " made from fresh lists and maps, never by changing an earlier one");
        if (command instanceof Move move) {
            for (int shard = 0; shard < Config.SHARDS; shard++) {
                int expected = shard == move.shard() ? move.group() : before.owner(shard);
                assertEquals(expected, after.owner(shard), command + " should move that one shard and nothing else;"
                        + " before: " + before + ", after: " + after);
            }
            return;
        }
        String what = "after " + command + " (from " + before + ")";
        assertBalanced(after, what);
        assertEquals(fewestMoves(before, after.groups().keySet()), moved(before, after), "the fewest shard moves"
                + " that balance the load " + what + " is " + fewestMoves(before, after.groups().keySet())
                + ", but the new configuration moves " + moved(before, after) + ": " + after);
    }

    /** A seeded sequence of valid Joins, Leaves and Moves over up to {@code maxGroups} group ids. */
    static List<Command> randomCommands(long seed, int count, int maxGroups) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Command> commands = new ArrayList<>();
        TreeSet<Integer> in = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            int roll = random.nextInt(10);
            if (in.isEmpty() || (roll < 5 && in.size() < maxGroups)) {
                int group;
                do {
                    group = 1 + random.nextInt(maxGroups);
                } while (in.contains(group));
                in.add(group);
                commands.add(join(group));
            } else if (roll < 8) {
                int group = new ArrayList<>(in).get(random.nextInt(in.size()));
                in.remove(group);
                commands.add(new Leave(group));
            } else {
                int group = new ArrayList<>(in).get(random.nextInt(in.size()));
                commands.add(new Move(random.nextInt(Config.SHARDS), group));
            }
        }
        return commands;
    }

    // ---- the state machine ----

    @SeededTest
    @Points(3)
    @Category(TestCategory.BASIC)
    @Description("A Join of a group id in use, zero or without servers, a Leave of an absent group and a Move of a"
            + " bad shard or to an absent group answer Refused and make no configuration; Query(0) is the empty"
            + " configuration, and Query past the latest answers the latest.")
    void errorsAndNoOps(TestRun test) {
        Configurations configurations = new Configurations();
        Config empty = query(configurations, 0);
        assertEquals(0, empty.number(), "Query(0) should answer configuration 0");
        assertTrue(empty.groups().isEmpty() && empty.shards().stream().allMatch(g -> g == Config.NO_GROUP),
                "configuration 0 has no groups and every shard unassigned (" + Config.NO_GROUP + "), not " + empty);
        assertEquals(Snapshot.of(empty), Snapshot.of(query(configurations, Query.LATEST)),
                "before any Join the latest configuration is configuration 0");
        assertTrue(configurations.execute(new Leave(1)) instanceof Refused, "a Leave before any Join must be Refused");
        assertTrue(configurations.execute(new Move(0, 1)) instanceof Refused, "a Move to a group that never joined"
                + " must be Refused");
        assertEquals(new Ok(), configurations.execute(join(1)), "the first Join should succeed");
        assertEquals(new Ok(), configurations.execute(join(2)), "a second group's Join should succeed");
        List<Command> refused = List.of(join(1), new Join(2, servers(7)), new Join(0, servers(0)),
                new Join(-3, servers(3)), new Join(5, List.of()), new Leave(3), new Leave(0), new Move(-1, 1),
                new Move(Config.SHARDS, 1), new Move(0, 3));
        for (Command command : refused) {
            Snapshot latest = Snapshot.of(query(configurations, Query.LATEST));
            Result result = configurations.execute(command);
            assertTrue(result instanceof Refused, command + " should be Refused (in " + latest + "), not " + result);
            assertEquals(latest, Snapshot.of(query(configurations, Query.LATEST)), "a Refused " + command
                    + " must leave the configurations as they were");
        }
        assertEquals(2, query(configurations, Query.LATEST).number(), "only the two Joins made configurations");
        assertEquals(2, query(configurations, 99).number(), "Query past the latest number answers the latest");
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.BASIC)
    @Description("Configurations are numbered 0, 1, 2, ... with one per Join, Leave and Move, and a Query of an old"
            + " number answers exactly what it answered before, however many configurations came after.")
    void numberingAndHistoryUnchanged(TestRun test) {
        Configurations configurations = new Configurations();
        List<Snapshot> seen = new ArrayList<>(List.of(Snapshot.of(query(configurations, 0))));
        for (Command command : randomCommands(test.seed(), 40, 6)) {
            assertEquals(new Ok(), configurations.execute(command), command + " should succeed");
            Config latest = query(configurations, Query.LATEST);
            assertEquals(seen.size(), latest.number(), "after " + command + " the latest configuration should be"
                    + " number " + seen.size());
            seen.add(Snapshot.of(latest));
            for (int n = 0; n < seen.size(); n++) {
                assertEquals(seen.get(n), Snapshot.of(query(configurations, n)), "Query(" + n + ") answers"
                        + " differently after " + command + " than when configuration " + n + " was made: old"
                        + " configurations must never change (make each new one from fresh lists and maps)");
            }
        }
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.BASIC)
    @Description("After every Join the shards are balanced (most loaded <= least loaded + 1) with the fewest moves:"
            + " joining 12 groups one by one moves exactly 10, 5, 3, 2, 2, 1, 1, 1, 1, 1, 0, 0 shards.")
    void balanceAndFewestMovesAfterJoins(TestRun test) {
        Configurations configurations = new Configurations();
        List<Integer> expected = List.of(10, 5, 3, 2, 2, 1, 1, 1, 1, 1, 0, 0);
        List<Integer> order = new ArrayList<>(IntStream.rangeClosed(1, 12).boxed().toList());
        java.util.Collections.shuffle(order, new java.util.Random(test.seed()));
        for (int i = 0; i < order.size(); i++) {
            Config before = query(configurations, Query.LATEST);
            applyAndCheck(configurations, join(order.get(i)));
            assertEquals(expected.get(i), moved(before, query(configurations, Query.LATEST)), "joining group "
                    + order.get(i) + " as group number " + (i + 1) + " should move exactly " + expected.get(i)
                    + " shards");
        }
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.BASIC)
    @Description("After every Leave, and after Joins and Leaves that follow Moves, the shards are balanced with"
            + " the fewest moves: a leaving group's shards move and nothing else does.")
    void balanceAndFewestMovesAfterLeavesAndMoves(TestRun test) {
        Configurations configurations = new Configurations();
        for (int group = 1; group <= 10; group++) {
            applyAndCheck(configurations, join(group));
        }
        List<Integer> leaving = new ArrayList<>(IntStream.rangeClosed(1, 10).boxed().toList());
        java.util.Collections.shuffle(leaving, new java.util.Random(test.seed()));
        for (int group : leaving.subList(0, 5)) {
            Config before = query(configurations, Query.LATEST);
            applyAndCheck(configurations, new Leave(group));
            assertEquals(before.load(group), moved(before, query(configurations, Query.LATEST)), "when group "
                    + group + " leaves, only its " + before.load(group) + " shards should move");
        }
        for (Command command : randomCommands(test.seed() * 7 + 1, 60, 8)) {
            Config latest = query(configurations, Query.LATEST);
            if (command instanceof Join j && latest.groups().containsKey(j.group())
                    || (command instanceof Leave l && !latest.groups().containsKey(l.group()))
                    || (command instanceof Move m && !latest.groups().containsKey(m.group()))) {
                continue; // the random sequence assumed other groups; skip what would be refused here
            }
            applyAndCheck(configurations, command);
        }
    }

    @SeededTest
    @Points(5)
    @Category(TestCategory.BASIC)
    @Description("Determinism: ten fresh shard masters fed the same Joins, Leaves and Moves (ties between equally"
            + " loaded groups included) make exactly the same configurations, so every replica agrees.")
    void deterministicAcrossFreshMasters(TestRun test) {
        List<Command> commands = new ArrayList<>();
        for (int group = 1; group <= 4; group++) {
            commands.add(join(group));
        }
        commands.add(new Leave(2));
        commands.add(join(5));
        commands.add(join(6));
        commands.addAll(randomCommands(test.seed(), 30, 9).stream().filter(c -> !(c instanceof Leave)).toList());
        List<List<Snapshot>> runs = new ArrayList<>();
        for (int master = 0; master < 10; master++) {
            Configurations configurations = new Configurations();
            for (Command command : commands) {
                configurations.execute(command); // the same commands everywhere, Refused ones included
            }
            int latest = query(configurations, Query.LATEST).number();
            List<Snapshot> made = new ArrayList<>();
            for (int n = 0; n <= latest; n++) {
                made.add(Snapshot.of(query(configurations, n)));
            }
            runs.add(made);
        }
        for (int master = 1; master < runs.size(); master++) {
            List<Snapshot> first = runs.get(0);
            List<Snapshot> other = runs.get(master);
            assertEquals(first.size(), other.size(), "fresh master " + master + " made a different number of"
                    + " configurations from the same commands");
            for (int n = 0; n < first.size(); n++) {
                if (!first.get(n).equals(other.get(n))) {
                    fail("fed the same commands, fresh masters 0 and " + master + " differ at configuration " + n
                            + ":\n  " + first.get(n) + "\n  " + other.get(n) + "\nReplicas would disagree on who"
                            + " serves what. Break ties by group id; never let the order of a hash-based collection"
                            + " decide.");
                }
            }
        }
    }

    // ---- the replicated service ----

    static ShardMaster master(Simulation sim, Address address) {
        return sim.node(address).map(ShardMaster.class::cast).orElseThrow();
    }

    /**
     * Every master replica, asked alone by a clerk of its own, answers a latest Query with the same
     * configuration {@code number}: the replicas apply the same log, and a replica that missed decisions
     * catches up when it puts the Query in the log.
     */
    static void assertReplicasAgree(ShardWorld world, int number) {
        List<Snapshot> answers = new ArrayList<>();
        for (Address m : world.masters) {
            Address pinned = Address.of("asks-" + m);
            if (world.sim.node(pinned).isEmpty()) {
                world.sim.add(pinned, a -> new MasterClerk(a, List.of(m)));
            }
            Result[] box = new Result[1];
            world.sim.invoke(pinned, Query.latest(), (who, done, result, invokedAt, returnedAt) -> box[0] = result);
            assertTrue(world.sim.runUntil(() -> box[0] != null, 5_000), "master replica " + m + " should answer a"
                    + " latest Query within 5 s");
            assertTrue(box[0] instanceof Configured c && c.config().number() == number, "master replica " + m
                    + " should answer a latest Query with configuration " + number + ", not " + box[0]);
            answers.add(Snapshot.of(((Configured) box[0]).config()));
            assertEquals(number, master(world.sim, m).latest().number(), "after answering, replica " + m
                    + " should hold configuration " + number + " as its latest");
        }
        for (int i = 1; i < answers.size(); i++) {
            assertEquals(answers.get(0), answers.get(i), "replicas " + world.masters.get(0) + " and "
                    + world.masters.get(i) + " applied the same log but answer different configurations");
        }
    }

    @SeededTest
    @Points(3)
    @Category(TestCategory.BASIC)
    @Description("Three shard master replicas carry out Join, Leave, Move and Query from a clerk through Paxos:"
            + " a duplicate Join is Refused, Query(n) answers configuration n, and all replicas agree.")
    void replicatedMasterBasics(TestRun test) {
        ShardWorld world = new ShardWorld(test.simulation());
        assertEquals(0, world.latest().number(), "before any Join the latest configuration is number 0");
        assertEquals(new Ok(), world.admin(join(1)));
        assertEquals(new Ok(), world.admin(join(2)));
        assertTrue(world.admin(join(1)) instanceof Refused, "a second Join of group 1 must be Refused");
        assertEquals(new Ok(), world.admin(new Move(3, 1)));
        assertEquals(new Ok(), world.admin(new Leave(2)));
        Config latest = world.latest();
        assertEquals(4, latest.number(), "two Joins, a Move and a Leave make configurations 1 to 4");
        assertTrue(latest.shards().stream().allMatch(g -> g == 1), "with group 2 gone, group 1 serves every shard: "
                + latest);
        Result second = world.admin(new Query(2));
        assertTrue(second instanceof Configured c && c.config().number() == 2 && c.config().groups().size() == 2,
                "Query(2) should answer configuration 2, with groups 1 and 2, not " + second);
        assertReplicasAgree(world, 4);
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.CONCURRENCY)
    @Description("Ten clerks, each talking to its own master replica first, Join ten groups at once, then five of"
            + " them Leave at once: every command takes effect once, configurations are numbered without gaps,"
            + " the result is balanced, and all replicas agree.")
    void concurrentClerks(TestRun test) {
        ShardWorld world = new ShardWorld(test.simulation());
        List<Address> clerks = IntStream.range(0, 10).mapToObj(i -> Address.of("admin" + i)).toList();
        for (int i = 0; i < clerks.size(); i++) {
            List<Address> order = new ArrayList<>(world.masters);
            java.util.Collections.rotate(order, -i);
            world.sim.add(clerks.get(i), a -> new MasterClerk(a, order));
        }
        Workload.Run joins = Workload.generated(clerks, (client, index, random) -> index == 0
                ? Optional.of(join(client + 1)) : Optional.empty()).start(world.sim);
        assertTrue(world.sim.runUntil(joins::done, 10_000), "ten concurrent Joins should finish within 10 s; "
                + joins.completed() + " did");
        Workload.Run leaves = Workload.generated(clerks.subList(0, 5), (client, index, random) -> index == 0
                ? Optional.of(new Leave(client + 1)) : Optional.empty()).start(world.sim);
        assertTrue(world.sim.runUntil(leaves::done, 10_000), "five concurrent Leaves should finish within 10 s");
        for (var op : joins.history().operations()) {
            assertEquals(new Ok(), ((faultline.testkit.history.Outcome.Returned<Result>) op.outcome()).value(),
                    "every concurrent Join of a new group should succeed: " + op);
        }
        Config latest = world.latest();
        assertEquals(15, latest.number(), "ten Joins and five Leaves make exactly 15 configurations; a retried"
                + " command must not make another");
        assertEquals(Set.of(6, 7, 8, 9, 10), latest.groups().keySet(), "groups 6 to 10 remain");
        assertBalanced(latest, "after the concurrent Joins and Leaves");
        for (int n = 1; n <= 15; n++) {
            Config before = ((Configured) world.admin(new Query(n - 1))).config();
            Config after = ((Configured) world.admin(new Query(n))).config();
            assertEquals(n, after.number(), "Query(" + n + ") should answer configuration " + n);
            assertEquals(1, Math.abs(after.groups().size() - before.groups().size()), "configuration " + n
                    + " should differ from the one before by one Join or Leave");
            assertEquals(fewestMoves(before, after.groups().keySet()), moved(before, after), "configuration " + n
                    + " should move the fewest shards from configuration " + (n - 1));
        }
        assertReplicasAgree(world, 15);
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.PARTITION)
    @Description("A master replica cut off while groups joined through the others answers a latest Query, once it"
            + " can reach them, with the latest configuration, never with the one it knew (Queries go through the"
            + " log); cut off from the majority it does not answer at all.")
    void missedChangesStillGiveLatestQuery(TestRun test) {
        ShardWorld world = new ShardWorld(test.simulation());
        Address m2 = world.masters.get(2);
        Address lonely = Address.of("lonely");
        world.sim.add(lonely, a -> new MasterClerk(a, List.of(m2)));
        assertEquals(new Ok(), world.admin(join(1)));
        assertReplicasAgree(world, 1);
        world.apply(Scenario.named("m2 and its clerk cut off from m0, m1 and the admin clerk").at(0)
                .partition(Set.of(m2, lonely), Set.of(world.masters.get(0), world.masters.get(1), ADMIN)).build());
        assertEquals(new Ok(), world.admin(join(2)));
        assertEquals(new Ok(), world.admin(join(3)));
        Result[] box = new Result[1];
        world.sim.invoke(lonely, Query.latest(), (who, done, result, invokedAt, returnedAt) -> box[0] = result);
        world.sim.runFor(1_000);
        assertTrue(box[0] == null, "m2 is cut off from the majority, so it cannot know the latest configuration and"
                + " must not answer a Query; it answered " + box[0] + " (answering from its own state gives a stale"
                + " configuration: put Queries through the log)");
        world.apply(Scenario.named("healed").at(0).heal().build());
        assertTrue(world.sim.runUntil(() -> box[0] != null, 3_000), "after the partition healed, m2 should answer"
                + " the Query within 3 s");
        assertTrue(box[0] instanceof Configured c && c.config().number() == 3 && c.config().groups().size() == 3,
                "m2 missed two Joins while cut off, but its answer to a latest Query must be configuration 3, with"
                        + " groups 1 to 3, not " + box[0]);
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.UNRELIABLE)
    @Description("With 20% of messages lost and 10% duplicated, five clerks Join, Move, Query and Leave at once:"
            + " each command takes effect exactly once, the replicas agree, and the final configuration is"
            + " balanced after the last Join.")
    void unreliableNetwork(TestRun test) {
        ShardWorld world = new ShardWorld(test.simulation());
        List<Address> clerks = IntStream.range(0, 5).mapToObj(i -> Address.of("admin" + i)).toList();
        for (int i = 0; i < clerks.size(); i++) {
            List<Address> order = new ArrayList<>(world.masters);
            java.util.Collections.rotate(order, -i);
            world.sim.add(clerks.get(i), a -> new MasterClerk(a, order));
        }
        world.apply(Scenario.named("20% lost, 10% duplicated").at(0).drop(0.2).at(0).duplicate(0.1).build());
        // each clerk: Join its two groups, Move a shard to one, Query, Leave one of them
        Workload.Run run = Workload.generated(clerks, (client, index, random) -> switch (index) {
            case 0 -> Optional.of(join(2 * client + 1));
            case 1 -> Optional.of(join(2 * client + 2));
            case 2 -> Optional.of(new Move(client, 2 * client + 1));
            case 3 -> Optional.of(Query.latest());
            case 4 -> Optional.of(new Leave(2 * client + 2));
            default -> Optional.empty();
        }).start(world.sim);
        assertTrue(world.sim.runUntil(run::done, 30_000), "the clerks should finish within 30 s despite the losses;"
                + " " + run.completed() + " of 25 commands finished");
        world.apply(Scenario.named("repaired").at(0).reliable().build());
        Config latest = world.latest();
        assertEquals(20, latest.number(), "ten Joins, five Moves and five Leaves make exactly 20 configurations;"
                + " a retried or duplicated command must not make another (Queries make none)");
        assertEquals(Set.of(1, 3, 5, 7, 9), latest.groups().keySet(), "the odd groups remain");
        assertEquals(new Ok(), world.admin(join(11)));
        assertBalanced(world.latest(), "after a Join");
        assertReplicasAgree(world, 21);
    }
}
