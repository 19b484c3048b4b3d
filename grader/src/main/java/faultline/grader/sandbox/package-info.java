/**
 * Sandboxes that grade one submission through the in-sandbox runner: a locked-down Docker container
 * (image built from the host's JDK, no registry) or, where no engine answers, a separate local JVM.
 */
package faultline.grader.sandbox;
