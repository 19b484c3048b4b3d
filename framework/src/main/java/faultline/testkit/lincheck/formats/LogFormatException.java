package faultline.testkit.lincheck.formats;

/** A history file could not be read; the message names the file and line and says what was expected. */
public final class LogFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LogFormatException(String message) {
        super(message);
    }
}
