package faultline.grader.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's console output as it arrives: the first bytes up to the student's cap in memory, and the
 * whole (up to a much larger staff cap, so a flood cannot fill the disk) in a file for staff.
 */
final class CappedLog implements AutoCloseable {

    /** The full log kept for staff stops here; the marker says so. */
    static final long STAFF_CAP = 16L << 20;

    private final long cap;
    private final Path file;
    private final OutputStream full;
    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();
    private long total;
    private boolean closed;

    CappedLog(long cap, Path file) throws IOException {
        this.cap = cap;
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.full = Files.newOutputStream(file);
    }

    synchronized void write(byte[] b, int off, int len) throws IOException {
        long fullRoom = Math.max(0, Math.min(len, STAFF_CAP - total));
        full.write(b, off, (int) fullRoom);
        long shownRoom = Math.max(0, Math.min(len, cap - shown.size()));
        shown.write(b, off, (int) shownRoom);
        total += len;
    }

    synchronized boolean truncated() {
        return total > shown.size();
    }

    synchronized String text() {
        String s = shown.toString(StandardCharsets.UTF_8);
        return truncated()
                ? s + "\n[log truncated: showing the first " + shown.size() + " of " + total
                        + " bytes; the full log is kept for the course staff]\n"
                : s;
    }

    /** Closes the staff file now (idempotent), so it is complete before the outcome is handed over. */
    void finish() throws IOException {
        close();
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (total > STAFF_CAP) {
            full.write(("\n[log truncated at " + STAFF_CAP + " of " + total + " bytes]\n").getBytes(StandardCharsets.UTF_8));
        }
        full.close();
    }
}
