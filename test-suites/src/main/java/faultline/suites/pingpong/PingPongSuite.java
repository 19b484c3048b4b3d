package faultline.suites.pingpong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.cluster.NetworkStats;
import faultline.framework.cluster.Cluster;
import faultline.framework.fault.Delay;
import faultline.framework.fault.Scenario;
import faultline.framework.live.LiveCluster;
import faultline.labs.pingpong.Echo;
import faultline.labs.pingpong.Echoed;
import faultline.labs.pingpong.PingClient;
import faultline.labs.pingpong.PingServer;
import faultline.testkit.check.MessageBudget;
import faultline.testkit.history.History;
import faultline.testkit.history.Operation;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;
import faultline.testkit.workload.Workload;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/** Lab 0's graded suite: a client must get every echo back, exactly, whatever the network does. */
public class PingPongSuite {

    static final Address SERVER = Address.of("server");

    static List<Address> clients(int count) {
        return IntStream.range(0, count).mapToObj(i -> Address.of("client" + i)).toList();
    }

    /** Starts a server and {@code clientCount} clients, each echoing {@code perClient} distinct values. */
    static Workload.Run start(Cluster cluster, int clientCount, int perClient) {
        cluster.add(SERVER, PingServer::new);
        List<Address> clients = clients(clientCount);
        for (Address client : clients) {
            cluster.add(client, a -> new PingClient(a, SERVER));
        }
        return Workload.generated(clients, perClient,
                (client, index, random) -> Optional.of(new Echo("c" + client + "-" + index))).start(cluster);
    }

    /** Every operation returned, and returned exactly the value it asked to echo. */
    static void assertEveryEchoExact(Workload.Run run, int expected) {
        History<Command, Result> history = run.history();
        assertEquals(expected, history.size(), "the workload should have issued " + expected + " echoes");
        for (Operation<Command, Result> op : history.operations()) {
            assertTrue(!op.isUnknown(), "client" + op.client() + "'s " + op.input() + " never got an answer");
            String asked = ((Echo) op.input()).value();
            Result got = ((faultline.testkit.history.Outcome.Returned<Result>) op.outcome()).value();
            assertEquals(new Echoed(asked), got, "client" + op.client() + " asked to echo \"" + asked
                    + "\" but got " + got + ": an answer to another request was taken for this one");
        }
    }

    @SeededTest
    @Points(20)
    @Category(TestCategory.BASIC)
    @Description("On a reliable network, one client's echoes all come back with the value it sent.")
    void echoesOnReliableNetwork(TestRun test) {
        Cluster sim = test.simulation();
        Workload.Run run = start(sim, 1, 20);
        assertTrue(sim.runUntil(run::done, 10_000), "the client did not finish 20 echoes in 10 s of simulated time");
        assertEveryEchoExact(run, 20);
    }

    @SeededTest
    @Points(20)
    @Category(TestCategory.UNRELIABLE)
    @Description("With half the messages lost, the client resends until each echo comes back.")
    void retriesThroughLoss(TestRun test) {
        Cluster sim = test.simulation();
        sim.apply(Scenario.named("half of all messages lost").at(0).drop(0.5).build());
        Workload.Run run = start(sim, 3, 15);
        assertTrue(sim.runUntil(run::done, 60_000),
                "with 50% loss the clients finished only " + run.completed() + " of 45 echoes in 60 s:"
                        + " does the client resend when no answer comes?");
        assertEveryEchoExact(run, 45);
    }

    @SeededTest
    @Points(20)
    @Category(TestCategory.UNRELIABLE)
    @Description("Duplicated and long-delayed answers to earlier requests are never taken for the current answer.")
    void ignoresStaleAndDuplicateAnswers(TestRun test) {
        Cluster sim = test.simulation();
        sim.apply(Scenario.named("duplicates and a long tail of delays")
                .at(0).duplicate(0.3)
                .at(0).delay(Delay.between(1, 20).withTail(0.3, 400))
                .build());
        Workload.Run run = start(sim, 2, 30);
        assertTrue(sim.runUntil(run::done, 120_000), "the clients finished only " + run.completed() + " of 60 echoes");
        assertEveryEchoExact(run, 60);
    }

    @SeededTest
    @Points(20)
    @Category(TestCategory.CRASH)
    @Description("When the server crashes and restarts, the client keeps resending and every echo completes.")
    void survivesServerRestart(TestRun test) {
        Cluster sim = test.simulation();
        sim.apply(Scenario.named("server crashes twice")
                .at(100).crash(SERVER).at(600).restart(SERVER)
                .at(1_000).crash(SERVER).at(1_300).restart(SERVER)
                .build());
        Workload.Run run = start(sim, 2, 40);
        assertTrue(sim.runUntil(run::done, 60_000), "the clients finished only " + run.completed() + " of 80 echoes");
        assertEveryEchoExact(run, 80);
    }

    @SeededTest
    @Points(10)
    @Category(TestCategory.PARTITION)
    @Description("A client cut off from the server makes no progress, and finishes once the partition heals.")
    void waitsOutPartition(TestRun test) {
        Cluster sim = test.simulation();
        Address client = clients(1).get(0);
        sim.apply(Scenario.named("client cut off for 2 s")
                .at(0).partition(Set.of(client), Set.of(SERVER)).at(2_000).heal().build());
        Workload.Run run = start(sim, 1, 5);
        sim.runFor(1_900);
        assertEquals(0, run.completed(), "an echo completed while the client could not reach the server");
        assertTrue(sim.runUntil(run::done, 5_000), "after the partition healed the client did not finish within 5 s");
        assertEveryEchoExact(run, 5);
    }

    /**
     * On a reliable network an echo takes one Ping and one Pong: the reference sends exactly 2.0 messages
     * per echo here, since an answer comes back within 10 ms and the client resends only after 50 ms. The
     * budget allows 1.5 times that, and at least the 2 messages without which the server never saw the echo.
     */
    static final MessageBudget ECHO_BUDGET = MessageBudget.fromReference("echo", 2, 2.0, 1.5);

    @SeededTest
    @Points(10)
    @Category(TestCategory.PERFORMANCE)
    @Description("On a reliable network each echo costs one request and one answer (at most 3 messages per echo"
            + " on average, and none once the client is idle): a client must not keep resending after its answer"
            + " came, and must really ask the server.")
    void messagesPerEchoWithinBudget(TestRun test) {
        Cluster sim = test.simulation();
        NetworkStats before = sim.stats();
        Workload.Run run = start(sim, 2, 40);
        assertTrue(sim.runUntil(run::done, 20_000), "the clients finished only " + run.completed() + " of 80 echoes"
                + " in 20 s of simulated time on a reliable network");
        sim.runFor(1_000); // idle clients: no command, so nothing to resend
        assertEveryEchoExact(run, 80);
        ECHO_BUDGET.check(sim.stats().since(before), run.completed()).ifPresent(problem -> fail(
                "On a reliable network, over 80 echoes and one idle second afterwards: " + problem));
    }

    @SeededTest
    @Points(10)
    @Category(TestCategory.CRASH)
    @Description("While the server is down no echo can complete: the answer must come from the server, never from"
            + " the client itself; once the server is back every echo completes.")
    void echoesComeFromTheServer(TestRun test) {
        Cluster sim = test.simulation();
        sim.apply(Scenario.named("server down for the first 3 s").at(0).crash(SERVER).at(3_000).restart(SERVER)
                .build());
        Workload.Run run = start(sim, 2, 5);
        sim.runFor(2_900);
        assertEquals(0, run.completed(), run.completed() + " echo(es) completed while the server was down, so the"
                + " client made up the answer itself. Send each echo to the server and return only what it sends back.");
        NetworkStats before = sim.stats();
        int doneBefore = run.completed();
        assertTrue(sim.runUntil(run::done, 5_000), "after the server came back at 3 s the clients finished only "
                + run.completed() + " of 10 echoes within 5 s: does the client keep resending while no answer comes?");
        assertEveryEchoExact(run, 10);
        NetworkStats after = sim.stats().since(before);
        assertTrue(after.delivered() >= 2L * (run.completed() - doneBefore), "the clients finished "
                + (run.completed() - doneBefore) + " echoes after the server came back, yet only " + after.delivered()
                + " messages were delivered in that time: every echo must go to the server and back.");
    }

    @SeededTest
    @Points(10)
    @Category(TestCategory.UNRELIABLE)
    @Description("Over real TCP sockets with 30% loss, 10% duplication and a server restart, every echo comes back"
            + " exactly. This runs in real time, so a client that never resends times out here too." + TestRun.LIVE_RULE)
    void overRealTcp(TestRun test) {
        Cluster live = test.live(LiveCluster::overTcp);
        live.apply(Scenario.named("lossy TCP with a server restart")
                .at(0).drop(0.3).at(0).duplicate(0.1)
                .at(150).crash(SERVER).at(300).restart(SERVER)
                .build());
        Workload.Run run = start(live, 2, 15);
        assertTrue(live.runUntil(run::done, 10_000), "over TCP the clients finished only " + run.completed()
                + " of 30 echoes in 10 s");
        assertEveryEchoExact(run, 30);
    }
}
