package faultline.testkit.lincheck;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The whole contents of a key/value store as one immutable value; a key never written holds "". The checker
 * creates, hashes and compares one of these per explored configuration, so it keeps its keys sorted in an array
 * and its hash up to date on every change instead of copying and rehashing a map.
 */
public final class KvStore {

    public static final KvStore EMPTY = new KvStore(new String[0], new String[0], 0);

    private final String[] keys;
    private final String[] values;
    private final int hash;

    private KvStore(String[] keys, String[] values, int hash) {
        this.keys = keys;
        this.values = values;
        this.hash = hash;
    }

    public String get(String key) {
        int at = Arrays.binarySearch(keys, key);
        return at >= 0 ? values[at] : "";
    }

    /** This store with {@code key} set to {@code value}. */
    public KvStore with(String key, String value) {
        int at = Arrays.binarySearch(keys, key);
        if (at >= 0) {
            String[] changed = values.clone();
            changed[at] = value;
            return new KvStore(keys, changed, hash - entryHash(key, values[at]) + entryHash(key, value));
        }
        int insert = -at - 1;
        String[] newKeys = new String[keys.length + 1];
        String[] newValues = new String[keys.length + 1];
        System.arraycopy(keys, 0, newKeys, 0, insert);
        System.arraycopy(values, 0, newValues, 0, insert);
        newKeys[insert] = key;
        newValues[insert] = value;
        System.arraycopy(keys, insert, newKeys, insert + 1, keys.length - insert);
        System.arraycopy(values, insert, newValues, insert + 1, keys.length - insert);
        return new KvStore(newKeys, newValues, hash + entryHash(key, value));
    }

    /** Every key written so far, in key order, with its value. */
    public Map<String, String> asMap() {
        return IntStream.range(0, keys.length).boxed()
                .collect(Collectors.toMap(i -> keys[i], i -> values[i], (a, b) -> a, LinkedHashMap::new));
    }

    private static int entryHash(String key, String value) {
        return key.hashCode() * 31 + value.hashCode();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KvStore store && store.hash == hash && Arrays.equals(store.keys, keys)
                && Arrays.equals(store.values, values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return IntStream.range(0, keys.length)
                .mapToObj(i -> Quoted.of(keys[i]) + ": " + Quoted.of(values[i]))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
