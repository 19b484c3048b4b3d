/**
 * The durable grading queue in SQLite: jobs claimed under leases kept alive by heartbeats, new
 * submissions before regrades, platform failures retried a bounded number of times without charging
 * the student, abandoned leases recovered, and exactly one final result per job.
 */
package faultline.grader.queue;
