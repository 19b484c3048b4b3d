package faultline.framework.cluster;

/**
 * What the network and the nodes did in a run so far.
 *
 * @param sent        messages nodes sent
 * @param delivered   message copies handed to a node
 * @param lost        messages dropped by random loss
 * @param unreachable messages dropped by a partition, cut, isolation or deafness
 * @param duplicated  messages delivered twice
 * @param toCrashed   messages that arrived at a crashed node
 * @param timers      timers fired
 * @param events      all events handled
 */
public record NetworkStats(long sent, long delivered, long lost, long unreachable, long duplicated,
                           long toCrashed, long timers, long events) {

    /** The counts between {@code earlier} and this. */
    public NetworkStats since(NetworkStats earlier) {
        return new NetworkStats(sent - earlier.sent, delivered - earlier.delivered, lost - earlier.lost,
                unreachable - earlier.unreachable, duplicated - earlier.duplicated,
                toCrashed - earlier.toCrashed, timers - earlier.timers, events - earlier.events);
    }
}
