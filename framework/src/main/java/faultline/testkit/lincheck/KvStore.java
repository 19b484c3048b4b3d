package faultline.testkit.lincheck;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The whole contents of a key/value store, as one immutable value; keys not present hold "".
 *
 * @param values every key that has been written, with its value
 */
public record KvStore(Map<String, String> values) {

    public static final KvStore EMPTY = new KvStore(Map.of());

    public KvStore {
        values = Map.copyOf(values);
    }

    public String get(String key) {
        return values.getOrDefault(key, "");
    }

    /** This store with {@code key} set to {@code value}. */
    public KvStore with(String key, String value) {
        Map<String, String> changed = new HashMap<>(values);
        changed.put(key, value);
        return new KvStore(changed);
    }

    @Override
    public String toString() {
        return values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Quoted.of(e.getKey()) + ": " + Quoted.of(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
