package faultline.labs.mapreduce;

import java.io.Serializable;

/**
 * One pair a map function emits, and one line of an intermediate or output file: the key, a tab,
 * the value. Keys hold no tab or line break, values no line break, so every line parses back.
 */
public record KeyValue(String key, String value) implements Serializable {

    public KeyValue {
        if (key.indexOf('\t') >= 0 || key.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("A key may not contain a tab or a line break: \"" + key + "\"");
        }
        if (value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("A value may not contain a line break (key \"" + key + "\")");
        }
    }

    /** The pair as one line of a file. */
    public String line() {
        return key + "\t" + value;
    }

    /** The pair a {@link #line()} was made from. */
    public static KeyValue parse(String line) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
            throw new IllegalArgumentException("Not a key/value line (no tab): \"" + line + "\"");
        }
        return new KeyValue(line.substring(0, tab), line.substring(tab + 1));
    }

    /**
     * Which of {@code reduceTasks} reduce tasks handles {@code key}. Every map task must partition
     * the same way, so that one reduce task sees all of a key's values.
     */
    public static int partition(String key, int reduceTasks) {
        return Math.floorMod(key.hashCode(), reduceTasks);
    }
}
