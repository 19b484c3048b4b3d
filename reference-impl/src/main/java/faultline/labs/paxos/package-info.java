/**
 * The Paxos library of Labs 3 and 4: a component a node hosts to agree with its peers on a sequence
 * of numbered instances, forgetting the instances every peer is done with. See {@link
 * faultline.labs.paxos.Paxos} for the whole contract.
 */
package faultline.labs.paxos;
