package faultline.runner.suite;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What one test printed, kept up to a cap; past it bytes are only counted, so an output flood costs
 * no memory and the student sees a visible marker instead of a silent cut.
 */
final class CapturedOutput {

    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;

    CapturedOutput(int cap) {
        this.cap = cap;
    }

    synchronized void write(byte[] b, int off, int len) {
        total += len;
        int room = (int) Math.max(0, Math.min(len, cap - kept.size()));
        kept.write(b, off, room);
    }

    synchronized boolean truncated() {
        return total > kept.size();
    }

    synchronized String text() {
        String s = kept.toString(StandardCharsets.UTF_8);
        if (!truncated()) {
            return s;
        }
        return s + "\n[output truncated: " + (total - kept.size()) + " more bytes not shown, " + total
                + " bytes in all]\n";
    }
}
