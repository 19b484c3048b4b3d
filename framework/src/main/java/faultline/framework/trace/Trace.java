package faultline.framework.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The record of a run, in bounded memory: the first events and the most recent ones are kept (the
 * start shows how the run was set up, the end shows what led to a failure), and so are the faults,
 * crashes and restarts in between (they are few, and without them the end makes no sense). Every
 * event, kept or not, goes into a SHA-256 digest, so two runs can be compared byte for byte without keeping
 * them. Written as JSON for the dashboard's message-sequence chart. Not thread-safe: the live
 * runtime serialises its calls.
 */
public final class Trace {

    /** A kept event's detail (a message as it prints itself) is cut past this many characters. */
    public static final int DETAIL_CAP = 1024;

    /** Faults, crashes and restarts dropped from the middle are kept up to this many. */
    private static final int LANDMARK_CAPACITY = 4_096;

    private final int headCapacity;
    private final List<TraceEvent> head;
    private final TraceEvent[] tail;
    private final List<TraceEvent> landmarks = new ArrayList<>();
    private long recorded;
    private final Map<TraceEvent.Kind, Long> counts = new EnumMap<>(TraceEvent.Kind.class);
    private final MessageDigest digest;
    private final boolean enabled;

    private Trace(int capacity, boolean enabled) {
        this.enabled = enabled;
        this.headCapacity = Math.max(1, capacity / 4);
        this.head = new ArrayList<>(headCapacity);
        this.tail = new TraceEvent[Math.max(1, capacity - headCapacity)];
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    /** A trace that keeps at most {@code capacity} events. */
    public static Trace bounded(int capacity) {
        return new Trace(capacity, true);
    }

    /** A trace that records nothing: tracing off. */
    public static Trace off() {
        return new Trace(1, false);
    }

    public boolean enabled() {
        return enabled;
    }

    public void record(TraceEvent recordedEvent) {
        if (!enabled) {
            return;
        }
        // The digest covers the whole event; what is kept is cut, so a node whose messages print themselves as
        // megabytes cannot make a trace of gigabytes (20,000 kept events of at most DETAIL_CAP characters each).
        digest.update(recordedEvent.line().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        TraceEvent event = kept(recordedEvent);
        if (head.size() < headCapacity) {
            head.add(event);
        } else {
            int slot = (int) ((recorded - headCapacity) % tail.length);
            TraceEvent evicted = tail[slot];
            if (evicted != null && isLandmark(evicted) && landmarks.size() < LANDMARK_CAPACITY) {
                landmarks.add(evicted);
            }
            tail[slot] = event;
        }
        recorded++;
        counts.merge(event.kind(), 1L, Long::sum);
    }

    /** The event as kept: its detail cut to {@link #DETAIL_CAP} characters, with a marker saying so. */
    static TraceEvent kept(TraceEvent event) {
        String detail = event.detail();
        if (detail.length() <= DETAIL_CAP) {
            return event;
        }
        return new TraceEvent(event.time(), event.kind(), event.node(), event.peer(), event.messageId(),
                detail.substring(0, DETAIL_CAP) + "... [" + (detail.length() - DETAIL_CAP) + " more characters]");
    }

    /** How many events were recorded, kept or not. */
    public long recorded() {
        return recorded;
    }

    /** How many events were recorded but not kept (the middle of a long run, less its faults). */
    public long omitted() {
        return Math.max(0, recorded - headCapacity - tail.length - landmarks.size());
    }

    private static boolean isLandmark(TraceEvent event) {
        return event.kind() == TraceEvent.Kind.FAULT || event.kind() == TraceEvent.Kind.CRASH
                || event.kind() == TraceEvent.Kind.RESTART;
    }

    public long count(TraceEvent.Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** The kept events in the order they happened. */
    public List<TraceEvent> events() {
        List<TraceEvent> kept = new ArrayList<>(head);
        kept.addAll(landmarks);
        long inTail = recorded - head.size();
        long first = Math.max(0, inTail - tail.length);
        for (long i = first; i < inTail; i++) {
            kept.add(tail[(int) (i % tail.length)]);
        }
        return kept;
    }

    /** The hex SHA-256 of every recorded event's line, in order. */
    public String digest() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
        }
    }

    /** The kept events with {@code about} (seed, scenario, test) as the header: what is written to disk. */
    public TraceFile toFile(Map<String, String> about) {
        return new TraceFile(about, recorded, omitted(), head.size(), digest(), events());
    }

    /** Writes the trace as JSON, with {@code about} (seed, scenario, test) as its header fields. */
    public void writeJson(Writer out, Map<String, String> about) throws IOException {
        toFile(about).writeJson(out);
    }

    /** Writes the trace as JSON to {@code file}, creating its folder. */
    public void writeJson(Path file, Map<String, String> about) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writeJson(out, about);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the trace to " + file, e);
        }
    }
}
