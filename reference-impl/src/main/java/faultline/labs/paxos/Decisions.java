package faultline.labs.paxos;

import java.io.Serializable;

/**
 * What a host hears from its {@link Paxos} component: each decision this peer learns, once per
 * instance, as it learns it. Called from within a Paxos handler, on the host's own event thread, so
 * the host may send messages and set timers from it. Usually the host itself, or {@code this::onDecided}.
 */
@FunctionalInterface
public interface Decisions {

    /** Instance {@code instance} is decided on {@code value}; this peer just learned it. */
    void decided(int instance, Serializable value);
}
