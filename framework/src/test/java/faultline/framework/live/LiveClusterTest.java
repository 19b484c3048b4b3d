package faultline.framework.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.Result;
import faultline.framework.cluster.ClientListener;
import faultline.framework.cluster.Cluster;
import faultline.framework.cluster.NodeFailure;
import faultline.framework.fault.Delay;
import faultline.framework.fault.Scenario;
import faultline.framework.live.EchoNodes.Bomb;
import faultline.framework.live.EchoNodes.Echo;
import faultline.framework.live.EchoNodes.Heard;
import faultline.framework.live.EchoNodes.Pinger;
import faultline.framework.live.EchoNodes.Shout;
import faultline.framework.sim.Simulation;
import faultline.framework.trace.TraceEvent;
import faultline.framework.trace.TraceEvent.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LiveClusterTest {

    private static final long SEED = 42;
    private static final Address SERVER = Address.of("server");
    private static final Address CLIENT = Address.of("client");
    /** Generous: a loaded CI machine may be slow; the runs finish far sooner. */
    private static final long PATIENCE = 5_000;

    enum Wire {
        IN_MEMORY(LiveCluster::inMemory), TCP(LiveCluster::overTcp);

        private final LongFunction<LiveCluster> start;

        Wire(LongFunction<LiveCluster> start) {
            this.start = start;
        }

        LiveCluster start() {
            return start.apply(SEED);
        }
    }

    /** What came back to the test: every return, in order. */
    private static final class Answers implements ClientListener {
        final List<Result> results = new CopyOnWriteArrayList<>();
        final List<Command> commands = new CopyOnWriteArrayList<>();

        @Override
        public void returned(Address client, Command command, Result result, long invokedAt, long returnedAt) {
            assertTrue(invokedAt < returnedAt, "stamps increase");
            commands.add(command);
            results.add(result);
        }

        int size() {
            return results.size();
        }
    }

    private static void echoPair(LiveCluster cluster) {
        cluster.add(SERVER, Echo::new);
        cluster.add(CLIENT, address -> new Pinger(address, SERVER));
    }

    private static int pingsServed(LiveCluster cluster) {
        return cluster.inspect(SERVER, node -> ((Echo) node).pings).orElse(-1);
    }

    private static List<TraceEvent> events(LiveCluster cluster) {
        synchronized (cluster.trace()) {
            return cluster.trace().events();
        }
    }

    private static long count(Cluster cluster, Kind kind) {
        synchronized (cluster.trace()) {
            return cluster.trace().count(kind);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aCommandIsAnsweredAcrossTheWire(Wire wire) {
        try (LiveCluster cluster = wire.start()) {
            echoPair(cluster);
            Answers answers = new Answers();
            cluster.invoke(CLIENT, new Shout("hello"), answers);

            assertTrue(cluster.runUntil(() -> answers.size() == 1, PATIENCE), "the answer arrives");
            assertEquals(List.of(new Heard("hello")), answers.results);
            assertTrue(cluster.stats().delivered() >= 2, "the ping and the pong were delivered: " + cluster.stats());
            for (Kind kind : List.of(Kind.INVOKE, Kind.SEND, Kind.DELIVER, Kind.TIMER_SET, Kind.RETURN)) {
                assertTrue(count(cluster, kind) > 0, "the trace has a " + kind + " event");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aLossyDuplicatingNetworkStillAnswersEveryCommandExactlyOnce(Wire wire) {
        int commands = 40;
        try (LiveCluster cluster = wire.start()) {
            echoPair(cluster);
            cluster.apply(Scenario.named("lossy").at(0).drop(0.3).at(0).duplicate(0.1).build());
            Answers answers = new Answers();
            ClientListener next = new ClientListener() {
                @Override
                public void returned(Address client, Command command, Result result, long invokedAt, long returnedAt) {
                    answers.returned(client, command, result, invokedAt, returnedAt);
                    if (answers.size() < commands) {
                        cluster.invoke(CLIENT, new Shout("#" + answers.size()), this);
                    }
                }
            };
            cluster.invoke(CLIENT, new Shout("#0"), next);

            assertTrue(cluster.runUntil(() -> answers.size() == commands, PATIENCE),
                    "every command answered; got " + answers.size() + ", " + cluster.stats());
            List<Result> expected = new ArrayList<>();
            for (int i = 0; i < commands; i++) {
                expected.add(new Heard("#" + i));
            }
            assertEquals(expected, answers.results, "each command answered once, in order");
            assertTrue(cluster.stats().lost() > 0, "some messages were lost: " + cluster.stats());
            assertTrue(cluster.stats().duplicated() > 0, "some messages were duplicated: " + cluster.stats());
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void delayedAndReorderedMessagesStillAnswerEveryCommand(Wire wire) {
        int commands = 15;
        List<Long> roundTrips = new CopyOnWriteArrayList<>();
        try (LiveCluster cluster = wire.start()) {
            echoPair(cluster);
            cluster.apply(Scenario.named("slow").at(0).delay(Delay.between(2, 4).withTail(0.3, 25)).build());
            Answers answers = new Answers();
            ClientListener next = new ClientListener() {
                @Override
                public void returned(Address client, Command command, Result result, long invokedAt, long returnedAt) {
                    roundTrips.add(returnedAt - invokedAt);
                    answers.returned(client, command, result, invokedAt, returnedAt);
                    if (answers.size() < commands) {
                        cluster.invoke(CLIENT, new Shout("#" + answers.size()), this);
                    }
                }
            };
            cluster.invoke(CLIENT, new Shout("#0"), next);

            assertTrue(cluster.runUntil(() -> answers.size() == commands, PATIENCE), "every command answered");
            for (int i = 0; i < commands; i++) {
                assertEquals(new Heard("#" + i), answers.results.get(i));
            }
            // A ping and its pong each wait at least 2ms in the network: no answer can come sooner.
            long fastest = roundTrips.stream().mapToLong(Long::longValue).min().orElseThrow();
            assertTrue(fastest >= 4_000_000L, "the delay rule was applied: fastest round trip " + fastest + "ns");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aPartitionBlocksDeliveryAndHealingRestoresIt(Wire wire) {
        try (LiveCluster cluster = wire.start()) {
            echoPair(cluster);
            cluster.apply(Scenario.named("split").at(0).partition(Set.of(CLIENT), Set.of(SERVER)).build());
            Answers answers = new Answers();
            cluster.invoke(CLIENT, new Shout("across"), answers);

            assertTrue(cluster.runUntil(() -> cluster.stats().unreachable() >= 3, PATIENCE), "retries hit the partition");
            assertEquals(0, answers.size(), "nothing crosses a partition");
            assertEquals(0, pingsServed(cluster), "the server heard nothing");

            cluster.apply(Scenario.named("heal").at(0).heal().build());
            assertTrue(cluster.runUntil(() -> answers.size() == 1, PATIENCE), "the answer arrives once healed");
            assertEquals(List.of(new Heard("across")), answers.results);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aDeafNodeHearsNothingButWhatItSendsArrives(Wire wire) {
        try (LiveCluster cluster = wire.start()) {
            echoPair(cluster);
            cluster.apply(Scenario.named("deaf client").at(0).deafen(CLIENT).build());
            Answers answers = new Answers();
            cluster.invoke(CLIENT, new Shout("hear me"), answers);

            assertTrue(cluster.runUntil(() -> pingsServed(cluster) >= 3, PATIENCE), "the deaf client's pings arrive");
            assertEquals(0, answers.size(), "no pong reaches a deaf node");
            assertTrue(cluster.stats().unreachable() >= 1, "pongs were dropped as unreachable: " + cluster.stats());
            assertTrue(events(cluster).stream().anyMatch(e -> e.kind() == Kind.DROP && e.node().equals("server")
                    && e.peer().equals("client") && e.detail().equals("unreachable")), "the trace shows the pong dropped");

            cluster.apply(Scenario.named("heal").at(0).heal().build());
            assertTrue(cluster.runUntil(() -> answers.size() == 1, PATIENCE), "the answer arrives once healed");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aCrashedNodeRestartsAsAFreshInstance(Wire wire) {
        try (LiveCluster cluster = wire.start()) {
            echoPair(cluster);
            Answers answers = new Answers();
            cluster.invoke(CLIENT, new Shout("first"), answers);
            assertTrue(cluster.runUntil(() -> answers.size() == 1, PATIENCE));
            Node before = cluster.inspect(SERVER, node -> node).orElseThrow();
            Integer oldPort = cluster.port(SERVER).orElse(null);

            cluster.apply(Scenario.named("crash").at(0).crash(SERVER).build());
            assertTrue(cluster.inspect(SERVER, node -> node).isEmpty(), "a crashed node has no instance");
            if (wire == Wire.TCP) {
                assertTrue(cluster.port(SERVER).isEmpty(), "a crashed node does not listen");
                assertRefuses(oldPort);
            }
            cluster.invoke(CLIENT, new Shout("second"), answers);
            assertTrue(cluster.runUntil(() -> cluster.stats().toCrashed() >= 2, PATIENCE), "pings reach a dead server");
            assertEquals(1, answers.size(), "a crashed server answers nothing");

            cluster.apply(Scenario.named("restart").at(0).restart(SERVER).build());
            assertTrue(cluster.runUntil(() -> answers.size() == 2, PATIENCE), "the restarted server answers");
            Node after = cluster.inspect(SERVER, node -> node).orElseThrow();
            assertNotSame(before, after, "a restart makes a fresh instance");
            assertTrue(cluster.inspect(SERVER, node -> ((Echo) node).initialised).orElseThrow(), "init ran again");
            assertTrue(events(cluster).stream().anyMatch(e -> e.kind() == Kind.CRASH && e.node().equals("server")));
            assertTrue(events(cluster).stream().anyMatch(e -> e.kind() == Kind.RESTART
                    && e.detail().equals("incarnation 2")));
        }
    }

    @Test
    void aMegabyteMessageIsReassembledFromManyTcpReads() {
        String big = "x".repeat(1 << 20) + "end";
        try (LiveCluster cluster = LiveCluster.overTcp(SEED)) {
            echoPair(cluster);
            Answers answers = new Answers();
            cluster.invoke(CLIENT, new Shout(big), answers);

            assertTrue(cluster.runUntil(() -> answers.size() == 1, PATIENCE), "the big echo comes back");
            assertEquals(new Heard(big), answers.results.get(0));
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void closingReleasesEveryThreadAndPort(Wire wire) {
        assertEquals(List.of(), liveThreads(), "no live-runtime thread is left from an earlier test");
        long socketsBefore = openSockets();
        List<Integer> ports = new ArrayList<>();
        LiveCluster cluster = wire.start();
        echoPair(cluster);
        cluster.add(Address.of("bystander"), Echo::new);
        Answers answers = new Answers();
        cluster.invoke(CLIENT, new Shout("hi"), answers);
        assertTrue(cluster.runUntil(() -> answers.size() == 1, PATIENCE));
        for (String node : List.of("server", "client", "bystander")) {
            cluster.port(Address.of(node)).ifPresent(ports::add);
        }
        assertFalse(liveThreads().isEmpty(), "the cluster runs threads");

        cluster.close();

        assertEquals(List.of(), liveThreads(), "no thread outlives close");
        assertTrue(openSockets() <= socketsBefore, "no socket outlives close: " + openSockets() + " open, "
                + socketsBefore + " before the cluster started");
        assertEquals(wire == Wire.TCP ? 3 : 0, ports.size());
        for (int port : ports) {
            assertRefuses(port);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aHandlerExceptionSurfacesToTheTestOnce(Wire wire) {
        LiveCluster cluster = wire.start();
        cluster.add(Address.of("bomb"), Bomb::new);

        NodeFailure failure = assertThrows(NodeFailure.class, () -> cluster.runUntil(() -> false, PATIENCE));

        assertTrue(failure.getMessage().contains("bomb") && failure.getMessage().contains("boom"), failure.getMessage());
        assertEquals("boom", failure.getCause().getMessage());
        assertEquals(1, count(cluster, Kind.ERROR));
        assertTrue(cluster.inspect(Address.of("bomb"), node -> node).isEmpty(), "the failed node is stopped");
        cluster.close(); // already reported: close does not throw it a second time
    }

    @Test
    void aFailureNoRunCallSawIsThrownByClose() {
        LiveCluster cluster = LiveCluster.inMemory(SEED);
        cluster.add(Address.of("bomb"), Bomb::new);
        // Wait without a run call, so the failure is still unreported when the cluster closes.
        long deadline = System.nanoTime() + PATIENCE * 1_000_000;
        while (count(cluster, Kind.ERROR) == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThrows(NodeFailure.class, cluster::close);
    }

    @Test
    void oneScenarioPrintsAndPlaysTheSameInBothRuntimes() {
        Scenario scenario = Scenario.named("tour")
                .at(0).duplicate(1.0)
                .at(60).reliable()
                .at(60).partition(Set.of(CLIENT), Set.of(SERVER))
                .at(120).heal()
                .at(150).crash(SERVER)
                .at(200).restart(SERVER)
                .build();
        String printed = scenario.toString();

        Set<Kind> simulated;
        List<String> simulatedFaults;
        try (Simulation simulation = Simulation.seeded(SEED)) {
            simulation.add(SERVER, Echo::new);
            simulation.add(CLIENT, address -> new Pinger(address, SERVER));
            simulation.apply(scenario);
            keepAsking(simulation);
            simulation.runFor(300);
            simulated = kinds(simulation.trace().events());
            simulatedFaults = faults(simulation.trace().events());
        }
        Set<Kind> live;
        List<String> liveFaults;
        try (LiveCluster cluster = LiveCluster.inMemory(SEED)) {
            echoPair(cluster);
            cluster.apply(scenario);
            keepAsking(cluster);
            assertTrue(cluster.runUntil(() -> count(cluster, Kind.FAULT) == scenario.steps().size()
                    && count(cluster, Kind.RETURN) > 0, PATIENCE));
            // Let the restarted server answer, so both runs end with the same kinds of events.
            long returns = count(cluster, Kind.RETURN);
            assertTrue(cluster.runUntil(() -> count(cluster, Kind.RETURN) > returns + 1, PATIENCE));
            List<TraceEvent> events = events(cluster);
            live = kinds(events);
            liveFaults = faults(events);
        }

        assertEquals(printed, scenario.toString(), "running a scenario does not change it");
        assertEquals(simulatedFaults, liveFaults, "the same faults, in the same order, in the same words");
        assertEquals(simulated, live, "the same kinds of events");
        assertEquals(EnumSet.of(Kind.SEND, Kind.DELIVER, Kind.DROP, Kind.DUPLICATE, Kind.TIMER_SET, Kind.TIMER_FIRE,
                Kind.CRASH, Kind.RESTART, Kind.FAULT, Kind.INVOKE, Kind.RETURN), live);
    }

    /** Invokes a new Shout whenever the last one returns, for as long as the run lasts. */
    private static void keepAsking(Cluster cluster) {
        ClientListener again = new ClientListener() {
            private int asked = 1;

            @Override
            public void returned(Address client, Command command, Result result, long invokedAt, long returnedAt) {
                cluster.invoke(CLIENT, new Shout("#" + asked++), this);
            }
        };
        cluster.invoke(CLIENT, new Shout("#0"), again);
    }

    private static Set<Kind> kinds(List<TraceEvent> events) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        events.forEach(e -> kinds.add(e.kind()));
        return kinds;
    }

    private static List<String> faults(List<TraceEvent> events) {
        return events.stream().filter(e -> e.kind() == Kind.FAULT).map(TraceEvent::detail).toList();
    }

    private static List<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(ThreadRoster.PREFIX))
                .sorted()
                .toList();
    }

    /** Sockets this process holds open, where Linux shows them (/proc/self/fd); 0 elsewhere. */
    private static long openSockets() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return 0;
        }
        try (Stream<Path> each = Files.list(fds)) {
            return each.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false; // closed while we looked
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertRefuses(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            throw new AssertionError("port " + port + " still accepts connections");
        } catch (IOException refused) {
            // what we want: nothing listens there any more
        }
    }

    /** A state reading that throws (a getter not written yet) fails with that exception, not a wait that loses it. */
    @Test
    void aReadingThatThrowsSurfacesItsExceptionAtOnce() {
        try (LiveCluster cluster = LiveCluster.inMemory(SEED)) {
            cluster.add(SERVER, EchoNodes.Echo::new);
            UnsupportedOperationException thrown = assertThrows(UnsupportedOperationException.class,
                    () -> cluster.inspect(SERVER, node -> {
                        throw new UnsupportedOperationException("TODO: implement ViewService.view");
                    }));
            assertEquals("TODO: implement ViewService.view", thrown.getMessage());
        }
    }

    /**
     * A timeline applied before its nodes are added (as a test written for the simulator does) starts when the
     * cluster first runs: a set-up slower than the first step, here 200 ms against a crash at 20 ms, must not
     * let the crash reach a node that does not exist yet.
     */
    @Test
    void aTimelineAppliedBeforeTheNodesStartsWhenTheClusterRuns() throws InterruptedException {
        try (LiveCluster cluster = LiveCluster.inMemory(SEED)) {
            cluster.apply(Scenario.named("server crashes early").at(20).crash(SERVER).build());
            Thread.sleep(200); // stands for a slow set-up on a loaded machine
            cluster.add(SERVER, EchoNodes.Echo::new);
            cluster.runFor(300);
            assertTrue(cluster.trace().events().stream()
                    .anyMatch(e -> e.kind() == faultline.framework.trace.TraceEvent.Kind.CRASH
                            && e.node().equals(SERVER.name())), "the crash happened, to the server");
        }
    }
}
