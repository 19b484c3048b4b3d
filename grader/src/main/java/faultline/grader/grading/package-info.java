/**
 * The grading pipeline end to end: intake (validate, store, enqueue under the course's rules), the job
 * handler that runs a stored submission through a sandbox and turns its outcome into a run, and
 * {@link faultline.grader.grading.Grader}, which wires a data folder into all of it.
 */
package faultline.grader.grading;
