package faultline.labs.paxos;

/** What a peer knows of one instance: decided (with its value), not yet decided, or forgotten. */
public enum Fate {
    /** This peer knows the instance's decided value. */
    DECIDED,
    /** This peer does not know a decided value yet (there may be one already). */
    PENDING,
    /** Every peer is done with the instance, and this peer has dropped it: its value is gone for good. */
    FORGOTTEN
}
