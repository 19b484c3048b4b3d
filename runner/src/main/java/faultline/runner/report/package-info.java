/** The runner's results.json: the records it is made of and the one place that reads and writes it. */
package faultline.runner.report;
