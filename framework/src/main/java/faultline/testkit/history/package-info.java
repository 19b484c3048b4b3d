/**
 * What clients saw: each operation's input, its outcome and when it was called and returned, recorded by a
 * workload so that a checker can judge the run afterwards.
 */
package faultline.testkit.history;
