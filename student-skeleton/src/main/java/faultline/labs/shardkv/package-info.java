/**
 * Lab 4, sharded key/value: a shard master, replicated with Paxos, decides which replica group serves
 * which shard of the keys; each group, also replicated with Paxos, serves its shards, hands them over
 * with their at-most-once state when the configuration changes, and turns away keys it does not own.
 */
package faultline.labs.shardkv;
