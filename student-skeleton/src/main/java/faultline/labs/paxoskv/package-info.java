/**
 * Lab 3, a key/value service replicated with Paxos: every server hosts a {@link
 * faultline.labs.paxos.Paxos} component and applies the same log of operations to the course's
 * {@link faultline.labs.kv.KVStore}; clients may talk to any server, a minority never answers, and every
 * Put and Append takes effect at most once however often a client retries it.
 */
package faultline.labs.paxoskv;
