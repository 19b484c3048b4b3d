package faultline.grader.store;

/** The database could not be opened, migrated or written; the message says what to do. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
