package faultline.runner.suite;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Reads what lab code made (a thrown exception's message, its toString) on a thread of its own, for a bounded
 * time: such code may never return, and the thread that asks is the launcher's, which every later test needs.
 */
final class Described {

    private Described() {
    }

    /**
     * {@code reading}'s answer, or empty when it did not answer within {@code limit} (its thread is then stopped)
     * or threw.
     */
    @SuppressWarnings({"removal", "deprecation"})
    static <T> Optional<T> within(Duration limit, Supplier<T> reading) {
        AtomicReference<T> answer = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                answer.set(reading.get());
            } catch (RuntimeException | StackOverflowError e) {
                // No answer: the caller says what it can without one.
            }
        }, "faultline-describe");
        reader.setDaemon(true);
        reader.start();
        try {
            reader.join(Math.max(1, limit.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) {
            // The only way to end a loop that never checks for interruption; Java 17 still has it.
            try {
                reader.stop();
            } catch (UnsupportedOperationException | SecurityException e) {
                // Left running as a daemon; the run goes on without its answer.
            }
            return Optional.empty();
        }
        return Optional.ofNullable(answer.get());
    }
}
