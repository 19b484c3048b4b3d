/**
 * The live runtime: each node on its own event-loop thread in real time, messages over a real
 * transport (in-memory queues or loopback TCP) with the simulator's fault injection applied on the
 * way, behind the same {@link faultline.framework.cluster.Cluster} interface as the simulator.
 */
package faultline.framework.live;
