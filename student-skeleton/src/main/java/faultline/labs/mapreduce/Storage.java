package faultline.labs.mapreduce;

import faultline.framework.Address;
import faultline.framework.Message;
import faultline.framework.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shared file store every worker reads its input from and writes its output to (the course's
 * stand-in for GFS). It is provided, not written by students, and it never fails; the network to it
 * can lose, duplicate and delay messages like any other.
 *
 * <p>A file is a list of lines. The operations, each answered by one reply:
 * <ul>
 * <li>{@link Read}: a whole file, answered by {@link FileContents}.
 * <li>{@link Append}: adds at most {@link #MAX_LINES_PER_APPEND} lines to the end of a file,
 *     creating it if needed (an append of no lines creates an empty file); answered by
 *     {@link Appended}. Appending is not idempotent, so each append carries a request id: a resent
 *     append must carry the same id, and a different append a different one (draw ids from
 *     {@code random()}). An id seen before is answered again and not applied again.
 * <li>{@link Commit}: renames files, all at once or not at all; a file renamed onto an existing name
 *     replaces it. Answered by {@link Committed}; deduplicated by request id like an append.
 * </ul>
 * Writes become visible the moment they are applied, so output written straight to its final name is
 * visible half-written. Write to a temporary name and commit it instead: a worker that crashes before
 * its commit leaves only a temporary file nobody reads.
 */
public final class Storage extends Node {

    /** The most lines one {@link Append} may carry; write longer files in several appends. */
    public static final int MAX_LINES_PER_APPEND = 64;

    /** Asks for the whole of {@code file}; {@code request} comes back in the answer. */
    public record Read(String file, long request) implements Message {
    }

    /** The answer to a {@link Read}: whether the file exists and, if it does, its lines. */
    public record FileContents(String file, long request, boolean exists, List<String> lines) implements Message {
        public FileContents {
            lines = List.copyOf(lines);
        }

        /** Short, so that traces stay readable and cheap to record. */
        @Override
        public String toString() {
            return "FileContents[" + file + ", request=" + request + (exists ? ", " + lines.size() + " lines]" : ", missing]");
        }
    }

    /** Adds {@code lines} to the end of {@code file}, once per {@code request} id. */
    public record Append(String file, List<String> lines, long request) implements Message {
        public Append {
            lines = List.copyOf(lines);
        }

        @Override
        public String toString() {
            return "Append[" + file + ", " + lines.size() + " lines, request=" + request + "]";
        }
    }

    /** The answer to an {@link Append}: it has been applied (now or before). */
    public record Appended(String file, long request) implements Message {
    }

    /** One rename of a {@link Commit}. */
    public record Rename(String from, String to) implements java.io.Serializable {
    }

    /** Applies every rename at once, once per {@code request} id. */
    public record Commit(List<Rename> renames, long request) implements Message {
        public Commit {
            renames = List.copyOf(renames);
        }
    }

    /**
     * The answer to a {@link Commit}: {@code ok} if it was applied (now or before); not ok, with
     * nothing renamed, if a file to rename did not exist.
     */
    public record Committed(long request, boolean ok) implements Message {
    }

    private final TreeMap<String, List<String>> files = new TreeMap<>();
    private final Map<Long, Message> answered = new TreeMap<>();
    private final Map<Address, Integer> reads = new TreeMap<>();
    private final Map<Address, Integer> appends = new TreeMap<>();
    private final Map<Address, Integer> appendsSinceCommit = new TreeMap<>();
    private final Map<Address, Integer> commits = new TreeMap<>();

    /** A store holding {@code initialFiles} (name to lines): the jobs' input. */
    public Storage(Address address, Map<String, List<String>> initialFiles) {
        super(address);
        for (Map.Entry<String, List<String>> file : new TreeMap<>(initialFiles).entrySet()) {
            files.put(file.getKey(), new ArrayList<>(file.getValue()));
        }
        onMessage(Read.class, this::handleRead);
        onMessage(Append.class, this::handleAppend);
        onMessage(Commit.class, this::handleCommit);
    }

    @Override
    protected void init() {
        // Files are there from the start; nothing to set up.
    }

    private void handleRead(Read read, Address from) {
        List<String> lines = files.get(read.file());
        reads.merge(from, 1, Integer::sum);
        send(new FileContents(read.file(), read.request(), lines != null, lines == null ? List.of() : lines), from);
    }

    private void handleAppend(Append append, Address from) {
        Message answer = answered.get(append.request());
        if (answer == null) {
            if (append.lines().size() > MAX_LINES_PER_APPEND) {
                throw new IllegalArgumentException(from + " appended " + append.lines().size() + " lines to "
                        + append.file() + " in one Append, but Storage takes at most " + MAX_LINES_PER_APPEND
                        + " lines per Append: split the file into several appends.");
            }
            files.computeIfAbsent(append.file(), f -> new ArrayList<>()).addAll(append.lines());
            appends.merge(from, 1, Integer::sum);
            appendsSinceCommit.merge(from, 1, Integer::sum);
            answer = new Appended(append.file(), append.request());
            answered.put(append.request(), answer);
        }
        send(answer, from);
    }

    private void handleCommit(Commit commit, Address from) {
        Message answer = answered.get(commit.request());
        if (answer == null) {
            boolean complete = commit.renames().stream().allMatch(r -> files.containsKey(r.from()));
            if (complete) {
                for (Rename rename : commit.renames()) {
                    files.put(rename.to(), files.remove(rename.from()));
                }
                commits.merge(from, 1, Integer::sum);
                appendsSinceCommit.remove(from);
            }
            answer = new Committed(commit.request(), complete);
            answered.put(commit.request(), answer);
        }
        send(answer, from);
    }

    // ---- what tests may look at ----

    /** The lines of {@code name}, if the file exists. */
    public Optional<List<String>> file(String name) {
        List<String> lines = files.get(name);
        return lines == null ? Optional.empty() : Optional.of(List.copyOf(lines));
    }

    /** The name of every file, temporary ones included. */
    public SortedSet<String> names() {
        return new TreeSet<>(files.keySet());
    }

    /** How many reads {@code reader} asked for (repeats included). */
    public int reads(Address reader) {
        return reads.getOrDefault(reader, 0);
    }

    /** How many appends from {@code writer} were applied. */
    public int appends(Address writer) {
        return appends.getOrDefault(writer, 0);
    }

    /** How many appends from {@code writer} were applied since its last successful commit. */
    public int appendsSinceCommit(Address writer) {
        return appendsSinceCommit.getOrDefault(writer, 0);
    }

    /** How many commits from {@code writer} were applied. */
    public int commits(Address writer) {
        return commits.getOrDefault(writer, 0);
    }

    /** Every writer that has appended or committed something. */
    public Set<Address> writers() {
        Set<Address> all = new HashSet<>(appends.keySet());
        all.addAll(commits.keySet());
        return new TreeSet<>(all);
    }
}
