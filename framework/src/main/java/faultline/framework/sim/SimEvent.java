package faultline.framework.sim;

import faultline.framework.Address;
import faultline.framework.cluster.ClientListener;

/** Something the simulator will do at a virtual time: deliver, fire, apply a fault, hand a client a command. */
final class SimEvent {

    static final int DELIVER = 0;
    static final int TIMER = 1;
    static final int FAULT = 2;
    static final int INVOKE = 3;

    final long time;
    final long sequence;
    final int kind;
    /** The receiver of a message, the owner of a timer, the client of an invocation. */
    final Address target;
    final Address from;
    final Object payload;
    final int incarnation;
    final long messageId;
    final ClientListener listener;

    SimEvent(long time, long sequence, int kind, Address target, Address from, Object payload,
             int incarnation, long messageId, ClientListener listener) {
        this.time = time;
        this.sequence = sequence;
        this.kind = kind;
        this.target = target;
        this.from = from;
        this.payload = payload;
        this.incarnation = incarnation;
        this.messageId = messageId;
        this.listener = listener;
    }
}
