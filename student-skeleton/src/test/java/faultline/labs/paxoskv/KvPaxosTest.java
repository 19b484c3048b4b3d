package faultline.labs.paxoskv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.sim.Simulation;
import faultline.labs.kv.Append;
import faultline.labs.kv.AppendOk;
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
 * Lab 3's public key/value tests: three servers and clerks on a reliable network. The graded suite
 * adds concurrent clients checked for linearizability, lost replies and duplicates, minority partitions,
 * holes in the log, memory budgets, crashes and a run over real TCP.
 */
class KvPaxosTest {

    private static Result call(Simulation sim, Address clerk, Command command) {
        List<Result> answers = new ArrayList<>();
        sim.invoke(clerk, command, (client, c, result, invokedAt, returnedAt) -> answers.add(result));
        assertTrue(sim.runUntil(() -> !answers.isEmpty(), 5_000), command + " got no answer within 5 s"
                + " of simulated time on a reliable network");
        return answers.get(0);
    }

    @SeededTest
    @Points(2)
    @Category(TestCategory.BASIC)
    @Description("Put, Append and Get through clerks that each use a different server see each other's writes.")
    void putAppendGet(TestRun test) {
        Simulation sim = test.simulation();
        List<Address> servers = IntStream.range(0, 3).mapToObj(n -> Address.of("s" + n)).toList();
        for (Address server : servers) {
            sim.add(server, a -> new KVServer(a, servers));
        }
        List<Address> clerks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Address clerk = Address.of("clerk" + i);
            Address only = servers.get(i);
            sim.add(clerk, a -> new Clerk(a, List.of(only)));
            clerks.add(clerk);
        }
        assertEquals(new PutOk(), call(sim, clerks.get(0), new Put("a", "x")));
        assertEquals(new AppendOk(), call(sim, clerks.get(1), new Append("a", "y")));
        assertEquals(new GetResult("xy"), call(sim, clerks.get(2), new Get("a")),
                "a Get through s2 must see the Put made through s0 and the Append through s1");
        assertEquals(new GetResult(""), call(sim, clerks.get(0), new Get("never")),
                "a key never written reads as the empty string");
    }
}
