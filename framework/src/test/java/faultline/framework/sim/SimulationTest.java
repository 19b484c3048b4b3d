package faultline.framework.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Message;
import faultline.framework.Node;
import faultline.framework.Timer;
import faultline.framework.cluster.NodeFailure;
import faultline.framework.fault.Scenario;
import faultline.framework.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulationTest {

    static final Address A = Address.of("a");
    static final Address B = Address.of("b");
    static final Address C = Address.of("c");

    record Hello(int n) implements Message {
    }

    record Wake(int n) implements Timer {
    }

    /** Records what reaches it; sends Hello(n) to a target every 10 ms if it has one. */
    static final class Probe extends Node {
        final List<String> seen = new ArrayList<>();
        final Address target;
        int n;

        Probe(Address address, Address target) {
            super(address);
            this.target = target;
            onMessage(Hello.class, (hello, from) -> seen.add(from + ":" + hello.n() + "@" + now()));
            onTimer(Wake.class, wake -> {
                send(new Hello(++n), target);
                set(new Wake(n), 10);
            });
        }

        @Override
        protected void init() {
            if (target != null) {
                set(new Wake(0), 10);
            }
        }
    }

    static Simulation gossip(long seed) {
        Simulation sim = Simulation.seeded(seed);
        for (Address node : SimBenchmark.NODES) {
            List<Address> peers = SimBenchmark.NODES.stream().filter(p -> !p.equals(node)).toList();
            sim.add(node, a -> new GossipNode(a, peers, 5));
        }
        sim.apply(SimBenchmark.scenario());
        sim.runFor(70_000);
        return sim;
    }

    @Test
    void sameSeedGivesTheSameTraceByteForByte() {
        Simulation first = gossip(7);
        Simulation second = gossip(7);
        assertTrue(first.trace().recorded() > 100_000, "the run should be busy: " + first.trace().recorded());
        assertEquals(first.trace().digest(), second.trace().digest());
        assertEquals(first.stats(), second.stats());
    }

    @Test
    void anotherSeedGivesAnotherTrace() {
        assertNotEquals(gossip(7).trace().digest(), gossip(8).trace().digest());
    }

    @Test
    void tracingDoesNotChangeTheRun() {
        Simulation untraced = Simulation.untraced(3);
        for (Address node : SimBenchmark.NODES) {
            List<Address> peers = SimBenchmark.NODES.stream().filter(p -> !p.equals(node)).toList();
            untraced.add(node, a -> new GossipNode(a, peers, 5));
        }
        untraced.apply(SimBenchmark.scenario());
        untraced.runFor(70_000);
        assertEquals(gossip(3).stats(), untraced.stats());
        assertEquals(0, untraced.trace().recorded());
    }

    @Test
    void partitionBlocksAndHealRestores() {
        Simulation sim = Simulation.seeded(1);
        sim.add(A, a -> new Probe(a, B));
        sim.add(B, a -> new Probe(a, null));
        sim.apply(Scenario.named("split").at(100).partition(Set.of(A), Set.of(B)).at(300).heal().build());
        sim.runFor(500);
        Probe b = (Probe) sim.node(B).orElseThrow();
        assertTrue(b.seen.stream().noneMatch(s -> {
            long t = Long.parseLong(s.substring(s.indexOf('@') + 1));
            return t > 110 && t < 300;
        }), "nothing sent during the partition may arrive: " + b.seen);
        assertTrue(b.seen.stream().anyMatch(s -> Long.parseLong(s.substring(s.indexOf('@') + 1)) > 310),
                "messages flow again after heal");
        assertTrue(sim.stats().unreachable() >= 15, "about 20 messages were sent into the partition");
    }

    @Test
    void deafNodeHearsNothingButIsHeard() {
        Simulation sim = Simulation.seeded(1);
        sim.add(A, a -> new Probe(a, B));
        sim.add(B, a -> new Probe(a, A));
        sim.apply(Scenario.named("b deaf").at(0).deafen(B).build());
        sim.runFor(200);
        assertTrue(((Probe) sim.node(B).orElseThrow()).seen.isEmpty());
        assertTrue(((Probe) sim.node(A).orElseThrow()).seen.size() >= 15);
    }

    @Test
    void crashLosesStateAndTimersAndRestartIsFresh() {
        Simulation sim = Simulation.seeded(1);
        sim.add(A, a -> new Probe(a, B));
        sim.add(B, a -> new Probe(a, null));
        sim.apply(Scenario.named("crash a").at(55).crash(A).at(200).restart(A).build());
        sim.runFor(150);
        assertTrue(sim.node(A).isEmpty(), "a crashed node is gone");
        int seenWhileDown = ((Probe) sim.node(B).orElseThrow()).seen.size();
        assertEquals(5, seenWhileDown, "a crashed node's timers must not fire: only the 5 hellos before the crash");
        sim.runFor(100);
        Probe restarted = (Probe) sim.node(A).orElseThrow();
        assertTrue(restarted.n <= 5, "the restarted node starts from empty state, not from " + restarted.n);
        assertTrue(sim.trace().count(TraceEvent.Kind.RESTART) == 1);
    }

    @Test
    void handlerExceptionNamesTheNodeTheMessageAndTheSeed() {
        Simulation sim = Simulation.seeded(99);
        sim.add(A, a -> new Probe(a, B));
        sim.add(B, a -> new Node(a) {
            {
                onMessage(Hello.class, (hello, from) -> {
                    throw new IllegalStateException("boom");
                });
            }

            @Override
            protected void init() {
            }
        });
        NodeFailure failure = assertThrows(NodeFailure.class, () -> sim.runFor(100));
        assertTrue(failure.getMessage().contains("b ("), failure.getMessage());
        assertTrue(failure.getMessage().contains("Hello[n=1]"), failure.getMessage());
        assertTrue(failure.getMessage().contains("seed 99"), failure.getMessage());
    }

    record Ask() implements faultline.framework.Command {
    }

    @Test
    void aClientThatCannotReportItsResultIsNamedWithTheCommand() {
        Simulation sim = Simulation.seeded(5);
        class Unfinished extends Node implements faultline.framework.Client {
            Unfinished(Address address) {
                super(address);
            }

            @Override
            protected void init() {
            }

            @Override
            public void sendCommand(faultline.framework.Command command) {
            }

            @Override
            public boolean hasResult() {
                throw new UnsupportedOperationException("TODO: implement Unfinished.hasResult");
            }

            @Override
            public faultline.framework.Result takeResult() {
                throw new UnsupportedOperationException("TODO");
            }
        }
        sim.add(A, Unfinished::new);
        sim.invoke(A, new Ask(), (client, command, result, invoked, returned) -> { });
        NodeFailure failure = assertThrows(NodeFailure.class, () -> sim.runFor(10));
        assertTrue(failure.getMessage().contains("a (Unfinished) threw java.lang.UnsupportedOperationException: TODO:"
                + " implement Unfinished.hasResult while reporting the result of Ask[]"), failure.getMessage());
    }

    @Test
    void unhandledMessageTypeIsExplained() {
        Simulation sim = Simulation.seeded(1);
        sim.add(A, a -> new Probe(a, B));
        sim.add(B, a -> new Node(a) {
            @Override
            protected void init() {
            }
        });
        NodeFailure failure = assertThrows(NodeFailure.class, () -> sim.runFor(100));
        assertTrue(failure.getCause().getMessage().contains("onMessage(Hello.class"), failure.getCause().getMessage());
    }

    @Test
    void zeroDelayTimerLoopIsReportedAsStuckTime() {
        Simulation sim = Simulation.seeded(1);
        sim.add(A, a -> new Node(a) {
            {
                onTimer(Wake.class, wake -> set(wake, 0));
            }

            @Override
            protected void init() {
                set(new Wake(0), 0);
            }
        });
        IllegalStateException stuck = assertThrows(IllegalStateException.class, () -> sim.runFor(10));
        assertTrue(stuck.getMessage().contains("Virtual time is stuck"), stuck.getMessage());
    }

    @Test
    void componentsShareTheHostsNetworkUnderSubAddresses() {
        Simulation sim = Simulation.seeded(1);
        List<String> heard = new ArrayList<>();
        class Inner extends Node {
            Inner(Address address) {
                super(address);
                onMessage(Hello.class, (hello, from) -> heard.add(address() + " from " + from));
            }

            @Override
            protected void init() {
            }
        }
        class Host extends Node {
            Host(Address address) {
                super(address);
                addComponent(new Inner(address.sub("inner")));
            }

            @Override
            protected void init() {
            }
        }
        sim.add(A, Host::new);
        sim.add(B, a -> new Probe(a, A.sub("inner")));
        sim.apply(Scenario.named("a isolated").at(25).isolate(A).build());
        sim.runFor(100);
        assertEquals(List.of("a/inner from b", "a/inner from b"), heard,
                "the component hears b until its host is isolated");
    }

    @Test
    void scenarioPrintsItselfReadably() {
        Scenario s = Scenario.named("demo").at(0).drop(0.1).at(2_000).partition(Set.of(A, B), Set.of(C))
                .at(3_000).crash(C).at(4_000).heal().build();
        assertEquals("\"demo\": at 0ms drop 10% on all links; at 2000ms partition [a b | c]; at 3000ms crash c;"
                + " at 4000ms heal", s.toString());
    }
}
