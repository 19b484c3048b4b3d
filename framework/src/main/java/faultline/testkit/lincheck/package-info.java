/**
 * Decides whether a recorded client history is linearizable against a sequential model (key/value store,
 * register), and explains a violation in words a student can act on.
 */
package faultline.testkit.lincheck;
