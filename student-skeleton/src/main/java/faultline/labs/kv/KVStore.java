package faultline.labs.kv;

import faultline.framework.Command;
import faultline.framework.Result;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The key/value state machine: applies {@link Get}, {@link Put} and {@link Append} in the order it is
 * given them and answers each. It knows nothing of clients, retries or replicas: a replicated service
 * applies the same commands in the same order at every replica, and applies each Put and Append once
 * however often a client sent it; that is the lab's job, not the store's.
 */
public final class KVStore implements Serializable {

    private final TreeMap<String, String> data = new TreeMap<>();

    /** Applies {@code command} and returns its answer. */
    public Result apply(Command command) {
        if (command instanceof Get get) {
            return new GetResult(data.getOrDefault(get.key(), ""));
        } else if (command instanceof Put put) {
            data.put(put.key(), put.value());
            return new PutOk();
        } else if (command instanceof Append append) {
            data.merge(append.key(), append.value(), String::concat);
            return new AppendOk();
        }
        throw new IllegalArgumentException("A key/value store applies Get, Put and Append, not " + command);
    }

    /** Whether {@code command} leaves the store as it is (a Get). */
    public static boolean isReadOnly(Command command) {
        return command instanceof Get;
    }

    /** The value of {@code key}, or the empty string. */
    public String get(String key) {
        return data.getOrDefault(key, "");
    }

    /** A copy of the whole store, in key order. */
    public SortedMap<String, String> contents() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(data));
    }

    /** A copy of the keys {@code which} selects, with their values, in key order. */
    public SortedMap<String, String> contents(Predicate<String> which) {
        TreeMap<String, String> copy = new TreeMap<>();
        data.forEach((key, value) -> {
            if (which.test(key)) {
                copy.put(key, value);
            }
        });
        return Collections.unmodifiableSortedMap(copy);
    }

    /** Sets every key of {@code entries} to its value there (a state transfer). */
    public void putAll(Map<String, String> entries) {
        data.putAll(entries);
    }

    /** Removes every key {@code which} selects. */
    public void removeAll(Predicate<String> which) {
        data.keySet().removeIf(which);
    }

    public int size() {
        return data.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KVStore store && store.data.equals(data);
    }

    @Override
    public int hashCode() {
        return data.hashCode();
    }

    @Override
    public String toString() {
        return "KVStore" + data;
    }
}
