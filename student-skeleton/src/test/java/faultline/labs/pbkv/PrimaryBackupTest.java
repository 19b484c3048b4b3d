package faultline.labs.pbkv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.sim.Simulation;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;
import java.util.ArrayList;
import java.util.List;

/**
 * Lab 2's public tests: the view service's first views, and a clerk's operations with no faults. The
 * graded suite adds primaries that die, partitions, lost and duplicated requests, and many clerks.
 */
class PrimaryBackupTest {

    private static final Address VIEW_SERVICE = Address.of("viewservice");
    private static final Address S1 = Address.of("s1");
    private static final Address S2 = Address.of("s2");
    private static final Address CLERK = Address.of("clerk");
    private static final long A_FEW_PINGS = 5 * ViewService.PING_INTERVAL_MILLIS;

    private static View view(Simulation sim) {
        return ((ViewService) sim.node(VIEW_SERVICE).orElseThrow()).view();
    }

    /** Hands {@code command} to the clerk and runs until its answer comes back. */
    private static Result call(Simulation sim, Command command) {
        List<Result> answers = new ArrayList<>();
        sim.invoke(CLERK, command, (client, c, result, invokedAt, returnedAt) -> answers.add(result));
        assertTrue(sim.runUntil(() -> !answers.isEmpty(), 5_000), command + " got no answer within 5 s"
                + " of simulated time on a reliable network");
        return answers.get(0);
    }

    @SeededTest
    @Points(2)
    @Category(TestCategory.BASIC)
    @Description("The first server to ping becomes primary of view 1; the second becomes backup in view 2.")
    void firstViews(TestRun test) {
        Simulation sim = test.simulation();
        sim.add(VIEW_SERVICE, ViewService::new);
        assertEquals(View.initial(), view(sim), "before anyone pings there is no primary");
        sim.add(S1, a -> new PBServer(a, VIEW_SERVICE));
        sim.runFor(A_FEW_PINGS);
        assertEquals(new View(1, S1, View.NOBODY), view(sim), "s1 pinged first, so it is view 1's primary");
        sim.add(S2, a -> new PBServer(a, VIEW_SERVICE));
        sim.runFor(A_FEW_PINGS);
        assertEquals(new View(2, S1, S2), view(sim), "s2 pinged next, so view 2 has it as backup");
    }

    @SeededTest
    @Points(2)
    @Category(TestCategory.BASIC)
    @Description("With a primary and a backup and no faults, Put, Append and Get return what they should,"
            + " and the backup holds the same data as the primary.")
    void putAppendGet(TestRun test) {
        Simulation sim = test.simulation();
        sim.add(VIEW_SERVICE, ViewService::new);
        sim.add(S1, a -> new PBServer(a, VIEW_SERVICE));
        sim.runFor(A_FEW_PINGS);
        sim.add(S2, a -> new PBServer(a, VIEW_SERVICE));
        sim.runFor(A_FEW_PINGS);
        sim.add(CLERK, a -> new Clerk(a, VIEW_SERVICE));
        assertEquals(new GetResult(""), call(sim, new Get("k")), "a key never written reads as empty");
        assertEquals(new PutOk(), call(sim, new Put("k", "one")));
        assertEquals(new AppendOk(), call(sim, new Append("k", "+two")));
        assertEquals(new GetResult("one+two"), call(sim, new Get("k")));
        sim.runFor(A_FEW_PINGS);
        assertEquals(((PBServer) sim.node(S1).orElseThrow()).store(), ((PBServer) sim.node(S2).orElseThrow()).store(),
                "the backup should hold every write the primary made");
    }
}
