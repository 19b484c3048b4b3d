package faultline.grader.submission;

/** A submission that was not accepted; the message says what was wrong and what to do. Nothing was stored. */
public class SubmissionRejectedException extends Exception {
    public SubmissionRejectedException(String message) {
        super(message);
    }

    public SubmissionRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
