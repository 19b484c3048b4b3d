package faultline.testkit.junit;

/** A seeded test ended in an error (not a failed assertion); the message says how to replay it. */
public final class RunFailure extends RuntimeException {
    public RunFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
