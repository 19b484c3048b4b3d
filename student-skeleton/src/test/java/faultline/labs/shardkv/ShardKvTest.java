package faultline.labs.shardkv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.sim.Simulation;
import faultline.labs.kv.Get;
import faultline.labs.kv.GetResult;
import faultline.labs.kv.Put;
import faultline.labs.kv.PutOk;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Lab 4's public tests: the shard master's configurations, and groups serving keys as they join, with no
 * faults. The graded suite adds exact move counts, determinism, partitions, lost messages, dead servers,
 * concurrent clients during moves and at-most-once across moves.
 */
class ShardKvTest {

    private static final List<Address> MASTERS = List.of(Address.of("m0"), Address.of("m1"), Address.of("m2"));
    private static final Address ADMIN = Address.of("admin");
    private static final Address CLERK = Address.of("clerk");

    private static List<Address> group(int id) {
        return IntStream.range(0, 3).mapToObj(i -> Address.of("g" + id + "s" + i)).toList();
    }

    /** Hands {@code command} to {@code client} and runs until its answer comes back. */
    private static Result call(Simulation sim, Address client, Command command) {
        List<Result> answers = new ArrayList<>();
        sim.invoke(client, command, (who, c, result, invokedAt, returnedAt) -> answers.add(result));
        assertTrue(sim.runUntil(() -> !answers.isEmpty(), 5_000), command + " got no answer within 5 s"
                + " of simulated time on a reliable network");
        return answers.get(0);
    }

    @SeededTest
    @Points(2)
    @Category(TestCategory.BASIC)
    @Description("Joins make configurations 1, 2, 3 with the shards balanced; a duplicate Join is Refused; an old"
            + " configuration stays as it was.")
    void configurations(TestRun test) {
        Configurations configurations = new Configurations();
        assertEquals(new Ok(), configurations.execute(new Join(1, group(1))));
        Config first = ((Configured) configurations.execute(new Query(1))).config();
        List<Integer> firstShards = List.copyOf(first.shards());
        assertEquals(new Ok(), configurations.execute(new Join(2, group(2))));
        assertEquals(new Ok(), configurations.execute(new Join(3, group(3))));
        assertTrue(configurations.execute(new Join(2, group(2))) instanceof Refused, "group 2 has already joined");
        Config latest = ((Configured) configurations.execute(Query.latest())).config();
        assertEquals(3, latest.number());
        for (int group = 1; group <= 3; group++) {
            assertTrue(latest.load(group) == 3 || latest.load(group) == 4, "10 shards over 3 groups: 3 or 4 each, "
                    + latest);
        }
        assertEquals(firstShards, ((Configured) configurations.execute(new Query(1))).config().shards(),
                "configuration 1 must never change");
    }

    @SeededTest
    @Points(2)
    @Category(TestCategory.BASIC)
    @Description("Three shard masters and two groups: a clerk's Put and Get work with group 1 alone, and still"
            + " after group 2 joins and takes half of the shards.")
    void groupsServeKeys(TestRun test) {
        Simulation sim = test.simulation();
        for (Address master : MASTERS) {
            sim.add(master, a -> new ShardMaster(a, MASTERS));
        }
        for (int id = 1; id <= 2; id++) {
            int group = id;
            for (Address server : group(group)) {
                sim.add(server, a -> new ShardServer(a, group, group(group), MASTERS));
            }
        }
        sim.add(ADMIN, a -> new MasterClerk(a, MASTERS));
        sim.add(CLERK, a -> new ShardClerk(a, MASTERS));
        assertEquals(new Ok(), call(sim, ADMIN, new Join(1, group(1))));
        List<String> keys = IntStream.range(0, Config.SHARDS).mapToObj(i -> (char) ('a' + i) + "key").toList();
        for (String key : keys) {
            assertEquals(new PutOk(), call(sim, CLERK, new Put(key, "v-" + key)));
        }
        assertEquals(new Ok(), call(sim, ADMIN, new Join(2, group(2))));
        for (String key : keys) {
            assertEquals(new GetResult("v-" + key), call(sim, CLERK, new Get(key)), "after group 2 joined, " + key
                    + " (shard " + Config.shardOf(key) + ") must still read as it was written");
        }
    }
}
