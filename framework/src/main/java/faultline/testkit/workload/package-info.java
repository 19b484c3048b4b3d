/** Workloads: clients issuing commands against a cluster, recorded as a history for the checkers. */
package faultline.testkit.workload;
