package faultline.testkit.search;

import faultline.framework.Address;
import faultline.framework.Node;
import faultline.framework.Result;
import java.util.List;

/**
 * What an invariant or goal sees of one state of a search: the nodes, the results the search's clients
 * got, and how far the search is from its start. Predicates read; they must not change a node.
 */
public interface ClusterState {

    /** The node at {@code address}, as a {@code type}. */
    <N extends Node> N node(Address address, Class<N> type);

    /** Every node, in the order the cluster added them. */
    List<Node> nodes();

    /** The results {@code client} returned so far for the commands the search gave it, in order. */
    List<Result> results(Address client);

    /**
     * The clock of the node at {@code address}: its virtual time when the search began, moved on by each
     * of its timers that fired. Limits on it keep a search to a window of time ("no view service tick
     * past the fourth").
     */
    long clock(Address address);

    /** How many messages are in the network. */
    int messagesInFlight();

    /** How many events led here from the start. */
    int depth();
}
