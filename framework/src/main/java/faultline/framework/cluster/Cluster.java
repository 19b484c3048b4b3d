package faultline.framework.cluster;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.fault.Scenario;
import faultline.framework.trace.Trace;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A running set of nodes on a network with faults: the simulator or the live runtime. Tests are
 * written against this interface, so one scenario runs in both.
 */
public interface Cluster extends AutoCloseable {

    /** The seed behind every random choice of the run (the network's and the nodes'). */
    long seed();

    /**
     * Starts a node at {@code address}, made by {@code factory}; after a crash the factory makes the
     * fresh instance that a restart starts.
     */
    void add(Address address, Function<Address, ? extends Node> factory);

    /** Puts {@code scenario}'s timeline into effect, its times counted from now. */
    void apply(Scenario scenario);

    /** The scenarios applied so far, for failure messages. */
    java.util.List<Scenario> scenarios();

    /**
     * Hands {@code command} to the {@link faultline.framework.Client} node at {@code client}; the
     * listener hears the result. The client must have no command in flight.
     */
    void invoke(Address client, Command command, ClientListener listener);

    /**
     * Reads the state of the node at {@code address} between its handlers, so the reading sees a consistent state
     * (a test's check of a server's view, say); empty while the node is down or was never added.
     */
    <T> Optional<T> inspect(Address address, Function<? super Node, T> reading);

    /** Milliseconds since the run started. */
    long now();

    /** A strictly increasing stamp for ordering client operations in a history. */
    long stamp();

    /** Lets the run go on for {@code millis}. */
    void runFor(long millis);

    /** Lets the run go on until {@code condition} holds or {@code maxMillis} pass; says which. */
    boolean runUntil(BooleanSupplier condition, long maxMillis);

    /** Counts of what the network did so far. */
    NetworkStats stats();

    Trace trace();

    /** Stops every node and releases what the run holds (threads, sockets). */
    @Override
    void close();
}
