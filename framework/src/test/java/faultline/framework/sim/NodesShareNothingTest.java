package faultline.framework.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Message;
import faultline.framework.Node;
import faultline.framework.cluster.NodeFailure;
import faultline.framework.cluster.NodeRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nodes are separate machines: what one node sends, the other receives as its own copy, as over TCP, so no two
 * nodes can share memory through a message; a message of values alone is handed over as it is.
 */
class NodesShareNothingTest {

    static final Address A = Address.of("a");
    static final Address B = Address.of("b");

    /** Holds a list: the sender's own, if the network handed it over by reference. */
    record Log(List<String> entries) implements Message {
    }

    record Value(int n, String s) implements Message {
    }

    /** Holds something that is not Serializable, so it could never cross a real network. */
    record Handle(Object lock) implements Message {
    }

    static final class Sender extends Node {
        final List<String> mine = new ArrayList<>(List.of("first"));
        Value sentValue;

        Sender(Address address) {
            super(address);
        }

        @Override
        protected void init() {
            send(new Log(mine), B);
            sentValue = new Value(1, "x");
            send(sentValue, B);
            // Changed after sending: a real network already carried the bytes.
            mine.add("after the send");
        }
    }

    static final class Receiver extends Node {
        final List<List<String>> logs = new ArrayList<>();
        final List<Value> values = new ArrayList<>();

        Receiver(Address address) {
            super(address);
            onMessage(Log.class, (log, from) -> {
                logs.add(log.entries());
                log.entries().add("the receiver's own");
            });
            onMessage(Value.class, (value, from) -> values.add(value));
        }

        @Override
        protected void init() {
        }
    }

    @Test
    void aMessageHoldingAListArrivesAsACopyMadeWhenItWasSent() {
        Simulation sim = Simulation.seeded(3);
        Sender a = new Sender(A);
        Receiver b = new Receiver(B);
        sim.add(B, x -> b);
        sim.add(A, x -> a);
        sim.runFor(1_000);

        assertEquals(List.of(List.of("first", "the receiver's own")), b.logs, "the receiver has its own list");
        assertEquals(List.of("first", "after the send"), a.mine, "the receiver's change never reaches the sender");
        assertEquals(1, b.values.size());
        assertSame(a.sentValue, b.values.get(0), "a message of values alone is handed over as it is");
    }

    @Test
    void aMessageThatCouldNotCrossANetworkIsRefusedWithItsReason() {
        Simulation sim = Simulation.seeded(3);
        sim.add(B, Receiver::new);
        NodeFailure failure = assertThrows(NodeFailure.class, () -> sim.add(A, x -> new Node(x) {
            @Override
            protected void init() {
                send(new Handle(new Object()), B);
            }
        }));
        assertTrue(failure.getMessage().contains("A Handle cannot cross the network"), failure.getMessage());
    }

    @Test
    void everyNodeDrawsFromTheSameKindOfRandomSourceAsInASearch() {
        Simulation sim = Simulation.seeded(3);
        List<String> kinds = new ArrayList<>();
        sim.add(A, x -> new Node(x) {
            @Override
            protected void init() {
                kinds.add(random().getClass().getName());
            }
        });
        sim.runFor(10);
        assertEquals(List.of(NodeRandom.class.getName()), kinds);
    }
}
