package faultline.framework;

import java.util.random.RandomGenerator;

/**
 * What a runtime gives a node: the network, timers, time and a seeded random source.
 * Runtimes implement it; lab code never sees it and uses {@link Node}'s verbs instead.
 */
public interface NodeContext {

    void send(Address from, Address to, Message message);

    void setTimer(Address owner, Timer timer, long delayMillis);

    /** Milliseconds since the run started: virtual in the simulator, real in the live runtime. */
    long now();

    /** The node's random source, seeded from the run's seed and the node's address. */
    RandomGenerator random();

    /** A line of the node's own commentary, kept in the trace next to its messages. */
    void note(Address who, String text);
}
