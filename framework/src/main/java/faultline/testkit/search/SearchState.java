package faultline.testkit.search;

import faultline.framework.Address;
import faultline.framework.Message;
import faultline.framework.Node;
import faultline.framework.Result;
import faultline.framework.Timer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One state of a search: every node's state, its clock, its random source and its pending timers, the
 * messages in the network, the results the clients returned, and how many drops and duplicates the path
 * used. Immutable once made: a step makes a new state that shares everything the step did not touch.
 * The event path that led here is kept as a linked list of steps, so states that share a prefix share it.
 */
final class SearchState implements ClusterState {

    /** A message in the network; {@code id} pairs it with its send in a trace and is not part of the state. */
    record Envelope(Address from, Address to, Message message, long id, long hash) {
        boolean sameAs(Envelope other) {
            return hash == other.hash && from.equals(other.from) && to.equals(other.to) && message.equals(other.message);
        }
    }

    /** A pending timer: due at {@code due} on its node's clock; {@code order} breaks ties by when it was set. */
    record PendingTimer(Address owner, Timer timer, long due, long order, long hash) {
    }

    /** The event that led to a state, and the step before it. */
    record Step(Step previous, Event event, int depth) {
        List<Event> events() {
            Event[] events = new Event[depth];
            for (Step s = this; s != null; s = s.previous) {
                events[s.depth - 1] = s.event;
            }
            return List.of(events);
        }
    }

    final SearchSpace space;
    final Node[] nodes;
    final long[] nodeHashes;
    final long[] clocks;
    final long[] randoms;
    final PendingTimer[][] timers;
    final Envelope[] network;
    final long networkHash;
    final Result[][] results;
    final int[] issued;
    final int drops;
    final int duplicates;
    final long nextId;
    final Step path;
    final long fingerprint;

    SearchState(SearchSpace space, Node[] nodes, long[] nodeHashes, long[] clocks, long[] randoms,
                PendingTimer[][] timers, Envelope[] network, long networkHash, Result[][] results, int[] issued,
                int drops, int duplicates, long nextId, Step path) {
        this.space = space;
        this.nodes = nodes;
        this.nodeHashes = nodeHashes;
        this.clocks = clocks;
        this.randoms = randoms;
        this.timers = timers;
        this.network = network;
        this.networkHash = networkHash;
        this.results = results;
        this.issued = issued;
        this.drops = drops;
        this.duplicates = duplicates;
        this.nextId = nextId;
        this.path = path;
        this.fingerprint = computeFingerprint();
    }

    private long computeFingerprint() {
        long h = CanonicalState.fold(networkHash, drops * 31L + duplicates);
        for (int i = 0; i < nodes.length; i++) {
            h = CanonicalState.fold(h, nodeHashes[i]);
            h = CanonicalState.fold(h, clocks[i]);
            h = CanonicalState.fold(h, randoms[i]);
            h = CanonicalState.fold(h, issued[i]);
            for (PendingTimer t : timers[i]) {
                h = CanonicalState.fold(CanonicalState.fold(h, t.hash), t.due);
            }
            for (Result r : results[i]) {
                h = CanonicalState.fold(h, CanonicalState.of(r));
            }
        }
        return CanonicalState.mix(h);
    }

    int depthValue() {
        return path == null ? 0 : path.depth();
    }

    List<Event> events() {
        return path == null ? List.of() : path.events();
    }

    @Override
    public <N extends Node> N node(Address address, Class<N> type) {
        Node node = nodes[space.index(address)];
        if (!type.isInstance(node)) {
            throw new IllegalArgumentException("The node at " + address + " is a " + node.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(node);
    }

    @Override
    public List<Node> nodes() {
        return List.of(nodes);
    }

    @Override
    public List<Result> results(Address client) {
        return List.of(results[space.index(client)]);
    }

    @Override
    public long clock(Address address) {
        return clocks[space.index(address)];
    }

    @Override
    public int messagesInFlight() {
        return network.length;
    }

    @Override
    public int depth() {
        return depthValue();
    }

    /** Every event this state enables, in a fixed order: messages in the order sent, then timers by node. */
    List<Event> enabled() {
        List<Event> events = new ArrayList<>();
        for (int j = 0; j < network.length; j++) {
            Envelope e = network[j];
            boolean repeat = false;
            for (int k = 0; k < j && !repeat; k++) {
                repeat = network[k].sameAs(e);
            }
            if (repeat) {
                continue; // the same message twice in the network: delivering either leads to the same state
            }
            events.add(new Event(Event.Kind.DELIVER, e.from(), e.to(), e.message()));
            if (duplicates < space.maxDuplicates()) {
                events.add(new Event(Event.Kind.DUPLICATE, e.from(), e.to(), e.message()));
            }
            if (drops < space.maxDrops()) {
                events.add(new Event(Event.Kind.DROP, e.from(), e.to(), e.message()));
            }
        }
        for (PendingTimer[] nodeTimers : timers) {
            if (nodeTimers.length > 0) {
                PendingTimer next = nodeTimers[0];
                events.add(new Event(Event.Kind.FIRE, next.owner(), next.owner(), next.timer()));
            }
        }
        return events;
    }

    /** The index in the network of the message {@code event} names, or -1. */
    int find(Event event) {
        for (int j = 0; j < network.length; j++) {
            Envelope e = network[j];
            if (e.from().equals(event.from()) && e.to().equals(event.to()) && e.message().equals(event.payload())) {
                return j;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "state at depth " + depthValue() + " with " + network.length + " messages in flight: "
                + Arrays.toString(network);
    }
}
