package faultline.labs.paxos;

import faultline.framework.Timer;

// SOLUTION BEGIN
/** The proposer's round {@code number} for {@code instance} has had its time; if undecided, try a higher one. */
record RoundTimeout(int instance, long number) implements Timer {
}

/** Time to tell peers that have not acknowledged it this peer's latest done value. */
record DoneTick() implements Timer {
}
// SOLUTION END
