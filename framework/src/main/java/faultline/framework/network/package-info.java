/**
 * The network's state under faults and the fate of each message; shared by the simulator and the
 * live runtime so a scenario means the same in both.
 */
package faultline.framework.network;
