/**
 * Lab 2, primary/backup key/value: a view service elects a primary and a backup from pings, the
 * primary copies every operation to the backup before it answers, a new backup gets the whole state,
 * and every Put and Append takes effect at most once however often a client retries it.
 */
package faultline.labs.pbkv;
