package faultline.labs.echo;

/** The only file submitted: the tests' Echo is missing. Expected: COMPILE_ERROR naming Echo.java, not retried. */
public final class Extra {
    public int one() {
        return 1;
    }
}
