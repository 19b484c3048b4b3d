/**
 * Lab 2's hidden suite: the view service's rules with scripted servers, and the primary/backup service
 * under lost replies, crashes, partitions and concurrent clients, judged by append chains and a
 * linearizability check.
 */
package faultline.suites.pbkv;
