/**
 * Lab 1's hidden suite: MapReduce jobs must produce exactly the sequential result while workers crash
 * mid-write, die for good, join late, straggle, and the network loses and duplicates messages.
 */
package faultline.suites.mapreduce;
