/**
 * The simulator: nodes on a virtual clock, one thread, one seed; runs replay exactly and minutes of
 * protocol time pass in milliseconds.
 */
package faultline.framework.sim;
