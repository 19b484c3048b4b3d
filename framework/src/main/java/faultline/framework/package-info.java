/**
 * What lab code is written against: addresses, messages, timers, commands and results, and the
 * {@link faultline.framework.Node} whose class comment is the whole programming contract.
 */
package faultline.framework;
