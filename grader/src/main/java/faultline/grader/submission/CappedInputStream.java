package faultline.grader.submission;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/** Counts bytes as they are inflated and stops the read once a bound is passed. */
final class CappedInputStream extends FilterInputStream {

    /** Thrown through the archive library's IOException paths; carries the sentence for the student. */
    static final class LimitReached extends IOException {
        private final transient Supplier<SubmissionRejectedException> rejection;

        LimitReached(Supplier<SubmissionRejectedException> rejection) {
            super("unpacked size limit reached");
            this.rejection = rejection;
        }

        SubmissionRejectedException rejection() {
            return rejection.get();
        }
    }

    private final long bound;
    private final Supplier<SubmissionRejectedException> rejection;
    private long count;

    CappedInputStream(InputStream in, long bound, Supplier<SubmissionRejectedException> rejection) {
        super(in);
        this.bound = bound;
        this.rejection = rejection;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping inflates too; read through so the count stays honest.
        byte[] sink = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    private void advance(int n) throws LimitReached {
        count += n;
        if (count > bound) {
            throw new LimitReached(rejection);
        }
    }
}
