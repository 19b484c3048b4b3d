/**
 * Faults as data: what can go wrong on the network or to a node ({@link faultline.framework.fault.Fault}),
 * and timelines of them ({@link faultline.framework.fault.Scenario}) that tests build and failures print.
 */
package faultline.framework.fault;
