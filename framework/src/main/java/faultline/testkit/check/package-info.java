/**
 * Checks the suites apply to a run: at-most-once append chains, agreement, liveness within a bound,
 * and budgets on state size (message budgets read {@link faultline.framework.cluster.NetworkStats}).
 */
package faultline.testkit.check;
