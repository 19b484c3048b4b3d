package faultline.framework.live;

import faultline.framework.Address;
import faultline.framework.network.Wire;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Frames go straight onto the receiving node's event-loop queue: the live runtime without sockets,
 * for tests that want real threads and real time but no I/O.
 */
final class InMemoryTransport implements Transport {

    private final Map<Address, Receiver> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Override
    public void open(Address node, Receiver receiver) {
        if (closed) {
            return;
        }
        open.put(node, receiver);
    }

    @Override
    public void shut(Address node) {
        open.remove(node);
    }

    @Override
    public boolean send(Frame frame) {
        Receiver receiver = open.get(frame.to().root());
        if (receiver == null || closed) {
            return false;
        }
        // Separate machines: the receiver gets its own copy of anything in the message that can change.
        receiver.receive(new Frame(frame.from(), frame.to(), frame.id(), Wire.carry(frame.message())));
        return true;
    }

    @Override
    public void close() {
        closed = true;
        open.clear();
    }
}
