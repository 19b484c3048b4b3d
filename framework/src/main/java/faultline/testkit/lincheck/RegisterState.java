package faultline.testkit.lincheck;

/**
 * What a register holds: nothing yet, or a value.
 *
 * @param written whether any value has been written
 * @param value   the value, meaningful only when written
 */
public record RegisterState(boolean written, long value) {

    public static final RegisterState EMPTY = new RegisterState(false, 0);

    public RegisterState {
        if (!written && value != 0) {
            throw new IllegalArgumentException("An empty register has no value; use RegisterState.EMPTY.");
        }
    }

    public static RegisterState of(long value) {
        return new RegisterState(true, value);
    }

    @Override
    public String toString() {
        return written ? Long.toString(value) : "empty";
    }
}
