package faultline.labs.paxos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.Result;
import faultline.framework.sim.Simulation;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;
import java.io.Serializable;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Lab 3's public Paxos tests: three peers on a reliable network. The graded suite adds deaf peers,
 * competing proposers on scripted schedules, forgetting and its memory, message budgets, loss,
 * duplication, partitions and long runs of random partitions.
 */
class PaxosTest {

    /** A small host for one Paxos peer: the test starts instances through it and reads what it learned. */
    static final class Host extends Node implements Client {
        record Start(int instance, Serializable value) implements Command {
        }

        record Started() implements Result {
        }

        final Paxos paxos;
        final TreeMap<Integer, Serializable> learned = new TreeMap<>();
        private Result result;

        Host(Address address, List<Address> peers) {
            super(address);
            paxos = addComponent(new Paxos(address.sub("paxos"), peers, (instance, value) -> learned.put(instance, value)));
        }

        @Override
        protected void init() {
        }

        @Override
        public void sendCommand(Command command) {
            Start start = (Start) command;
            paxos.start(start.instance(), start.value());
            result = new Started();
        }

        @Override
        public boolean hasResult() {
            return result != null;
        }

        @Override
        public Result takeResult() {
            Result taken = result;
            result = null;
            return taken;
        }
    }

    private static List<Address> hosts(Simulation sim, int count) {
        List<Address> hosts = IntStream.range(0, count).mapToObj(n -> Address.of("p" + n)).toList();
        List<Address> peers = hosts.stream().map(host -> host.sub("paxos")).toList();
        for (Address host : hosts) {
            sim.add(host, a -> new Host(a, peers));
        }
        return hosts;
    }

    private static Host host(Simulation sim, Address address) {
        return (Host) sim.node(address).orElseThrow();
    }

    private static boolean decidedEverywhere(Simulation sim, List<Address> hosts, int instance) {
        return hosts.stream().allMatch(h -> host(sim, h).paxos.status(instance).isDecided());
    }

    @SeededTest
    @Points(2)
    @Category(TestCategory.BASIC)
    @Description("One proposer: every peer learns the decision (status and callback), and max() is the instance.")
    void oneProposer(TestRun test) {
        Simulation sim = test.simulation();
        List<Address> hosts = hosts(sim, 3);
        sim.invoke(hosts.get(0), new Host.Start(0, "hello"), (c, cmd, r, a, b) -> { });
        assertTrue(sim.runUntil(() -> decidedEverywhere(sim, hosts, 0), 2_000),
                "instance 0 should be decided at all three peers within 2 s");
        for (Address h : hosts) {
            assertEquals(Status.decided("hello"), host(sim, h).paxos.status(0), h + "'s status of instance 0");
            assertEquals("hello", host(sim, h).learned.get(0), h + " should have been told of the decision");
            assertEquals(0, host(sim, h).paxos.max(), h + "'s max()");
        }
    }

    @SeededTest
    @Points(2)
    @Category(TestCategory.BASIC)
    @Description("Three proposers with different values for the same instance: all peers decide one of them.")
    void competingProposers(TestRun test) {
        Simulation sim = test.simulation();
        List<Address> hosts = hosts(sim, 3);
        for (int i = 0; i < 3; i++) {
            sim.invoke(hosts.get(i), new Host.Start(0, "v" + i), (c, cmd, r, a, b) -> { });
        }
        assertTrue(sim.runUntil(() -> decidedEverywhere(sim, hosts, 0), 2_000),
                "instance 0 should be decided at all three peers within 2 s");
        Serializable decided = host(sim, hosts.get(0)).paxos.status(0).value().orElseThrow();
        for (Address h : hosts) {
            assertEquals(Status.decided(decided), host(sim, h).paxos.status(0), "all peers must decide the same");
        }
    }
}
