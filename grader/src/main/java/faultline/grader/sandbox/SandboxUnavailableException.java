package faultline.grader.sandbox;

/** The platform could not grade (no engine, no image, a broken container): retry, don't charge the student. */
public class SandboxUnavailableException extends Exception {
    public SandboxUnavailableException(String message) {
        super(message);
    }

    public SandboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
