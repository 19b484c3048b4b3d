/**
 * What happened in a run: bounded event records, a digest that proves two runs identical, the trace file (JSON)
 * that the test kit writes and the dashboard reads, and the message-sequence chart both draw from it.
 */
package faultline.framework.trace;
