package faultline.labs.pingpong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.fault.Scenario;
import faultline.framework.sim.Simulation;
import faultline.testkit.history.Operation;
import faultline.testkit.history.Outcome;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;
import faultline.testkit.workload.Workload;
import java.util.List;
import java.util.Map;

/**
 * Lab 0's public tests: the basic cases, to run while you work ({@code mvn test}). They are graded too, from
 * this very file (their {@code @Points}); the graded suite also tries many more networks (duplicates, long
 * delays, crashes, partitions), so passing these is a start.
 */
class PingPongTest {

    private static final Address SERVER = Address.of("server");
    private static final Address ALICE = Address.of("alice");
    private static final Address BOB = Address.of("bob");

    private static Workload.Run echo(Simulation sim, Map<Address, List<? extends Command>> scripts) {
        sim.add(SERVER, PingServer::new);
        for (Address client : scripts.keySet()) {
            sim.add(client, a -> new PingClient(a, SERVER));
        }
        return Workload.scripted(scripts).start(sim);
    }

    private static void assertEchoedBack(Workload.Run run) {
        for (Operation<Command, Result> op : run.history().operations()) {
            assertFalse(op.isUnknown(), op.input() + " got no answer");
            Result answer = ((Outcome.Returned<Result>) op.outcome()).value();
            assertEquals(new Echoed(((Echo) op.input()).value()), answer,
                    "the answer to " + op.input() + " should echo its value");
        }
    }

    @SeededTest
    @Points(2)
    @Category(TestCategory.BASIC)
    @Description("A single echo on a network that loses nothing comes back with the value sent.")
    void oneEcho(TestRun test) {
        Simulation sim = test.simulation();
        Workload.Run run = echo(sim, Map.of(ALICE, List.of(new Echo("hello"))));
        assertTrue(sim.runUntil(run::done, 1_000), "the echo did not come back within 1 s of simulated time");
        assertEchoedBack(run);
    }

    @SeededTest
    @Points(2)
    @Category(TestCategory.BASIC)
    @Description("Two clients echo a few values each, one after another, on a reliable network.")
    void echoesInOrder(TestRun test) {
        Simulation sim = test.simulation();
        Workload.Run run = echo(sim, Map.of(
                ALICE, List.of(new Echo("a1"), new Echo("a2"), new Echo("a3")),
                BOB, List.of(new Echo("b1"), new Echo("b2"))));
        assertTrue(sim.runUntil(run::done, 2_000), "only " + run.completed() + " of 5 echoes came back in 2 s");
        assertEquals(5, run.history().size());
        assertEchoedBack(run);
    }

    @SeededTest
    @Points(2)
    @Category(TestCategory.BASIC)
    @Description("With a third of all messages lost, the client asks again until each echo comes back.")
    void echoesDespiteLoss(TestRun test) {
        Simulation sim = test.simulation();
        sim.apply(Scenario.named("a third of messages lost").at(0).drop(0.33).build());
        Workload.Run run = echo(sim, Map.of(ALICE, List.of(new Echo("x"), new Echo("y"), new Echo("z"),
                new Echo("w"))));
        assertTrue(sim.runUntil(run::done, 30_000), "only " + run.completed() + " of 4 echoes came back in 30 s"
                + " with a third of messages lost: does the client resend when no answer comes?");
        assertEchoedBack(run);
    }
}
