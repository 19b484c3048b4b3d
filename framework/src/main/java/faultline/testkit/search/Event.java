package faultline.testkit.search;

import faultline.framework.Address;

/**
 * One step a search takes: deliver a pending message (taking it out of the network), deliver a copy of it
 * (leaving it in, as a duplicating network would), drop it, or fire a node's next timer.
 *
 * @param kind    which of the four
 * @param from    the sender of the message; for a timer, its owner
 * @param to      the receiver of the message; for a timer, its owner
 * @param payload the message or the timer
 */
public record Event(Kind kind, Address from, Address to, Object payload) {

    public enum Kind { DELIVER, DUPLICATE, DROP, FIRE }

    @Override
    public String toString() {
        return switch (kind) {
            case DELIVER -> from + " -> " + to + ": " + payload;
            case DUPLICATE -> from + " -> " + to + ": " + payload + " (a duplicate: the message stays in the network)";
            case DROP -> from + " -> " + to + ": " + payload + " is dropped";
            case FIRE -> to + " fires " + payload;
        };
    }
}
