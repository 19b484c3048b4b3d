/**
 * The durable grading queue in SQLite or PostgreSQL: jobs claimed under leases kept alive by heartbeats, new
 * submissions before regrades, students taking turns within each, platform failures retried a bounded number of
 * times without charging the student, abandoned leases recovered, and exactly one final result per job.
 */
package faultline.grader.queue;
