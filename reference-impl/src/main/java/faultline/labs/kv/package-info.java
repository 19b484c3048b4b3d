/**
 * The key/value state machine of Labs 3 and 4, provided by the course: the Get, Put and Append
 * commands, their results, and the store that applies them. Replication and at-most-once are the
 * labs' to build around it.
 */
package faultline.labs.kv;
