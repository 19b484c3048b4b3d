package faultline.testkit.lincheck;

import java.util.Objects;

/**
 * A register operation: read it, write a value, or compare-and-set it from {@code expected} to {@code value}.
 *
 * @param kind     which operation
 * @param value    the value written (write, cas); 0 for a read
 * @param expected the value a cas requires the register to hold; 0 otherwise
 */
public record RegisterInput(Kind kind, long value, long expected) {

    public enum Kind { READ, WRITE, CAS }

    public RegisterInput {
        Objects.requireNonNull(kind, "kind");
    }

    public static RegisterInput read() {
        return new RegisterInput(Kind.READ, 0, 0);
    }

    public static RegisterInput write(long value) {
        return new RegisterInput(Kind.WRITE, value, 0);
    }

    public static RegisterInput cas(long expected, long value) {
        return new RegisterInput(Kind.CAS, value, expected);
    }
}
