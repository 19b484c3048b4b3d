/**
 * Lab 3's hidden suites: the Paxos library alone, hosted by small test nodes that start instances and
 * report what they learn ({@link faultline.suites.paxoskv.PaxosSuite}), and the Paxos-replicated
 * key/value service ({@link faultline.suites.paxoskv.KvPaxosSuite}). Safety tests force the
 * interleavings that break wrong implementations with scripted faults on fixed network delays.
 */
package faultline.suites.paxoskv;
