package faultline.framework.live;

import faultline.framework.Address;

/**
 * Carries frames between the nodes of one live cluster. {@link InMemoryTransport} and
 * {@link TcpTransport} implement it, and {@link FaultyTransport} wraps either to inject faults; nothing
 * above this interface knows which it got.
 */
interface Transport extends AutoCloseable {

    /** Where a transport hands the frames that reach a node; called from the transport's threads. */
    @FunctionalInterface
    interface Receiver {
        void receive(Frame frame);
    }

    /** Starts accepting frames for {@code node} (a root address) and handing them to {@code receiver}. */
    void open(Address node, Receiver receiver);

    /** Stops carrying frames to and from {@code node}, as when it crashes; frames to it are refused until it opens again. */
    void shut(Address node);

    /** Carries {@code frame} to its receiver's node; false when nobody is there to take it (never opened, or shut). */
    boolean send(Frame frame);

    /** Stops carrying anything and releases every thread and socket the transport holds. */
    @Override
    void close();
}
