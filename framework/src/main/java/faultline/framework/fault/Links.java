package faultline.framework.fault;

import faultline.framework.Address;
import java.util.Optional;

/**
 * Which directed links a network fault applies to: all of them, those leaving a node, those
 * reaching a node, or one link in one direction. Components share their host's links.
 */
public record Links(Optional<Address> from, Optional<Address> to) {

    public Links {
        from = from.map(Address::root);
        to = to.map(Address::root);
    }

    public static Links all() {
        return new Links(Optional.empty(), Optional.empty());
    }

    /** Every link leaving {@code node} (what it sends). */
    public static Links from(Address node) {
        return new Links(Optional.of(node), Optional.empty());
    }

    /** Every link reaching {@code node} (what it receives). */
    public static Links to(Address node) {
        return new Links(Optional.empty(), Optional.of(node));
    }

    /** The one link from {@code sender} to {@code receiver}, in that direction only. */
    public static Links between(Address sender, Address receiver) {
        return new Links(Optional.of(sender), Optional.of(receiver));
    }

    /** Whether the link from {@code sender} to {@code receiver} (both root addresses) is one of these. */
    public boolean matches(Address sender, Address receiver) {
        return (from.isEmpty() || from.get().equals(sender)) && (to.isEmpty() || to.get().equals(receiver));
    }

    @Override
    public String toString() {
        if (from.isEmpty() && to.isEmpty()) {
            return "all links";
        }
        if (to.isEmpty()) {
            return "links from " + from.get();
        }
        if (from.isEmpty()) {
            return "links to " + to.get();
        }
        return from.get() + "->" + to.get();
    }
}
