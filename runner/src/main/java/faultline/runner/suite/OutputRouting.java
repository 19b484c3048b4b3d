package faultline.runner.suite;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for System.out and System.err while the suite runs and sends each write to the capture
 * of the test whose thread wrote it. The capture is inherited by threads a test starts (JUnit's
 * timeout thread, a live runtime's node threads), so a thread left running by a timed-out test keeps
 * writing into that test's closed capture rather than into the next test's.
 */
final class OutputRouting implements AutoCloseable {

    private final InheritableThreadLocal<CapturedOutput> current;
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;

    OutputRouting(CapturedOutput outsideTests) {
        this.current = new InheritableThreadLocal<>() {
            @Override
            protected CapturedOutput initialValue() {
                return outsideTests;
            }
        };
        OutputStream routed = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                current.get().write(b, off, len);
            }
        };
        PrintStream stream = new PrintStream(routed, true, StandardCharsets.UTF_8);
        System.setOut(stream);
        System.setErr(stream);
    }

    /** The runner's own console, for progress lines nobody's test output can interleave with. */
    PrintStream console() {
        return originalOut;
    }

    /** Routes the calling thread (and threads it starts from now on) to {@code capture}. */
    void routeTo(CapturedOutput capture) {
        current.set(capture);
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }
}
