/**
 * What tests drive: a {@link faultline.framework.cluster.Cluster} of nodes under a scenario, in
 * either runtime, with clients whose results come back to a listener.
 */
package faultline.framework.cluster;
