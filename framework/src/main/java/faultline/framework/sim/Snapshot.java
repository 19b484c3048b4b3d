package faultline.framework.sim;

import faultline.framework.Address;
import faultline.framework.Message;
import faultline.framework.Node;
import faultline.framework.Timer;
import java.util.List;
import java.util.function.Function;

/**
 * A simulation's state at one instant, as data: what a search starts from. The nodes are the
 * simulation's own instances, so a reader copies them before changing anything.
 *
 * @param time     the virtual time of the snapshot
 * @param nodes    every running node, in the order they were added
 * @param messages every message still in the network, in the order it would arrive
 * @param timers   every timer still set on a running node, in the order it would fire
 * @param other    how many other events (faults still to come, commands not yet handed over) were pending;
 *                 a search does not carry them on
 */
public record Snapshot(long time, List<NodeAt> nodes, List<InFlight> messages, List<TimerDue> timers, int other) {

    public Snapshot {
        nodes = List.copyOf(nodes);
        messages = List.copyOf(messages);
        timers = List.copyOf(timers);
    }

    /** A running node, with the factory that made it (a copy of it starts as a fresh instance from there). */
    public record NodeAt(Address address, Function<Address, ? extends Node> factory, Node node) {
    }

    /** A message sent and not yet delivered. */
    public record InFlight(Address from, Address to, Message message) {
    }

    /** A timer set by {@code owner} (a node or one of its components), due at virtual time {@code due}. */
    public record TimerDue(Address owner, Timer timer, long due) {
    }
}
