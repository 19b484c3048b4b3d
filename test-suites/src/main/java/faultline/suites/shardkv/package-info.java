/**
 * Lab 4's hidden suites: the shard master's configurations (errors, numbering, balance with the fewest
 * moves, determinism, replication under faults) and the replica groups (serving, handing shards over,
 * at-most-once across moves, configurations in order, no deadlock, liveness after healing).
 */
package faultline.suites.shardkv;
