/**
 * Checks on the hidden suites themselves: the reference passes every test, the unsolved skeleton earns no
 * points, and the harness ({@link faultline.suites.LabVariant}, {@link faultline.suites.SuiteRun}) that
 * compiles a lab variant with its suite and runs the suite against it.
 */
package faultline.suites;
