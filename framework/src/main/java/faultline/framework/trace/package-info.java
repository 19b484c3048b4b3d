/**
 * What happened in a run: bounded event records, a digest that proves two runs identical, and the
 * JSON the dashboard draws as a message-sequence chart.
 */
package faultline.framework.trace;
