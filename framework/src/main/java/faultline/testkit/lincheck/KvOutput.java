package faultline.testkit.lincheck;

import java.util.Objects;

/**
 * What a key/value store operation returned: the value read by a get; put and append return nothing to check.
 *
 * @param value the value a get returned ("" for a key never written); empty for put and append
 */
public record KvOutput(String value) {

    public KvOutput {
        Objects.requireNonNull(value, "value");
    }

    /** The reply to a put or an append. */
    public static KvOutput ok() {
        return new KvOutput("");
    }

    public static KvOutput of(String value) {
        return new KvOutput(value);
    }
}
