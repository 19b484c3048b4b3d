/**
 * Search tests: a bounded breadth-first search over every order in which a cluster's messages can be
 * delivered (or dropped, or duplicated) and its timers fire, with invariants checked at every state and
 * goals that must be reachable, then seeded random probes past the exhaustive bound. A violation comes
 * back as a short event sequence that replays exactly in the simulator and is drawn like any trace.
 */
package faultline.testkit.search;
