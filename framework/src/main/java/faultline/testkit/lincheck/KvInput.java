package faultline.testkit.lincheck;

import java.util.Objects;

/**
 * A key/value store operation: get a key's value, put (replace) it, or append to it.
 *
 * @param kind  which operation
 * @param key   the key it acts on
 * @param value the value put or appended; empty for a get
 */
public record KvInput(Kind kind, String key, String value) {

    public enum Kind { GET, PUT, APPEND }

    public KvInput {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    public static KvInput get(String key) {
        return new KvInput(Kind.GET, key, "");
    }

    public static KvInput put(String key, String value) {
        return new KvInput(Kind.PUT, key, value);
    }

    public static KvInput append(String key, String value) {
        return new KvInput(Kind.APPEND, key, value);
    }
}
