package faultline.testkit.lincheck;

/** What the checker concluded about a history. */
public enum Verdict {
    /** Some sequential order of the operations respects real time and the model. */
    LINEARIZABLE,
    /** No such order exists: the system broke linearizability. */
    NOT_LINEARIZABLE,
    /** The time budget ran out before the search could decide. */
    UNKNOWN
}
