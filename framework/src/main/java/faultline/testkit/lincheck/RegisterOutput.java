package faultline.testkit.lincheck;

import java.util.Objects;

/**
 * What a register operation returned: for a read, the value read; for a cas, whether it applied.
 *
 * @param applied for a cas, whether it applied; true for reads and writes
 * @param read    for a read, what it saw; {@link RegisterState#EMPTY} otherwise
 */
public record RegisterOutput(boolean applied, RegisterState read) {

    public RegisterOutput {
        Objects.requireNonNull(read, "read");
    }

    /** A write's reply, or a cas that applied. */
    public static RegisterOutput ok() {
        return new RegisterOutput(true, RegisterState.EMPTY);
    }

    /** A cas that found another value and did not apply. */
    public static RegisterOutput failed() {
        return new RegisterOutput(false, RegisterState.EMPTY);
    }

    public static RegisterOutput read(long value) {
        return new RegisterOutput(true, RegisterState.of(value));
    }

    /** A read that found the register never written. */
    public static RegisterOutput readEmpty() {
        return new RegisterOutput(true, RegisterState.EMPTY);
    }
}
