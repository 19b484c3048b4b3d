/**
 * Runs a lab's hidden suite over the submission through the JUnit Platform launcher, one result per test
 * and seed, with per-test timeouts and each test's output captured apart and capped.
 */
package faultline.runner.suite;
