package faultline.suites.shardkv;

import faultline.framework.Address;
import faultline.framework.sim.Simulation;
import faultline.labs.shardkv.Config;
import faultline.labs.shardkv.Join;
import faultline.labs.shardkv.MasterClerk;
import faultline.labs.shardkv.Replica;
import faultline.labs.shardkv.ShardMaster;
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
import java.time.Duration;
import java.util.List;

/**
 * Lab 4's search test: two administrators join two groups at the same moment, and the shard master's
 * replicas order the Joins through Paxos. In every order of deliveries and ticks within a short window, and
 * on random probes past it, replicas never disagree on a numbered configuration.
 */
public class ShardMasterSearchSuite {

    static final Address ADMIN2 = Address.of("admin2");

    static StatePredicate replicasAgree(List<Address> masters) {
        return StatePredicate.named("replicas that reached the same configuration number hold the same"
                + " configuration, and it names only joined groups", s -> {
            for (Address a : masters) {
                Config one = latest(s, a);
                if (!List.of(1, 2).containsAll(one.groups().keySet())) {
                    return false;
                }
                for (Address b : masters) {
                    Config other = latest(s, b);
                    if (one.number() == other.number() && !one.equals(other)) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    private static Config latest(ClusterState s, Address master) {
        return s.node(master, ShardMaster.class).latest();
    }

    @SeededTest
    @Points(10)
    @Category(TestCategory.CONCURRENCY)
    @Description("Search: two Joins sent at once to different shard master replicas; in every order of deliveries"
            + " and ticks, replicas at the same configuration number hold the same configuration.")
    void concurrentJoinsAgreeEverywhere(TestRun test) {
        ShardWorld world = new ShardWorld(Simulation.seeded(test.seed()));
        world.sim.add(ADMIN2, a -> new MasterClerk(a, world.masters));
        world.sim.runFor(10);
        long start = world.sim.now();
        SearchResult result = Search.from(world.sim)
                .commands(ShardWorld.ADMIN, new Join(1, ShardWorld.servers(1, 3)))
                .commands(ADMIN2, new Join(2, ShardWorld.servers(2, 3)))
                .prune(StatePredicate.named("past the window", s -> world.masters.stream()
                        .anyMatch(m -> s.clock(m) > start + 2 * Replica.TICK_MILLIS)))
                .maxDepth(6)
                .maxTime(Duration.ofSeconds(60))
                .invariant(replicasAgree(world.masters))
                .probes(200, 60)
                .run(test.seed());
        result.assertNoViolation(test);
    }
}
