package faultline.framework.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Every thread one live cluster starts, named after the cluster, so that closing the cluster can join
 * them all and a test can see that none outlives it.
 */
final class ThreadRoster {

    /** The start of every live-runtime thread's name. */
    static final String PREFIX = "faultline-live-";

    private final String clusterTag;
    private final List<Thread> threads = new ArrayList<>();

    ThreadRoster(String clusterTag) {
        this.clusterTag = clusterTag;
    }

    /** A daemon thread named for its {@code role}: daemon, so a cluster someone forgot to close never holds the JVM. */
    Thread start(String role, Runnable body) {
        Thread thread = create(role, body);
        thread.start();
        return thread;
    }

    ThreadFactory factory(String role) {
        return body -> create(role, body);
    }

    private Thread create(String role, Runnable body) {
        Thread thread = new Thread(body, PREFIX + clusterTag + "-" + role);
        thread.setDaemon(true);
        synchronized (threads) {
            threads.removeIf(t -> t.getState() == Thread.State.TERMINATED);
            threads.add(thread);
        }
        return thread;
    }

    /**
     * Waits for every thread to end; names the ones that did not, which can only be a handler that
     * never returns, since every other thread ends when its executor or socket closes.
     */
    void joinAll(Duration patience) {
        List<Thread> all;
        synchronized (threads) {
            all = List.copyOf(threads);
        }
        long deadline = System.nanoTime() + patience.toNanos();
        List<String> stuck = new ArrayList<>();
        for (Thread thread : all) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                thread.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the live cluster's threads to end", e);
            }
            if (thread.isAlive()) {
                stuck.add(thread.getName());
            }
        }
        if (!stuck.isEmpty()) {
            throw new IllegalStateException("The live cluster closed but these threads are still running after "
                    + patience.toMillis() + "ms: " + stuck + ". A node handler probably never returns (an endless"
                    + " loop); handlers must finish quickly and use timers to wait.");
        }
    }
}
