package faultline.grader.queue;

import faultline.grader.sandbox.SandboxUnavailableException;
import faultline.grader.store.NewRun;
import faultline.runner.report.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * N workers, each with its own {@link JobHandler} (and so its own sandbox), taking jobs from the queue.
 * While a job is graded its lease is extended by heartbeats; when the handler throws, the attempt is
 * recorded as a platform failure so the queue retries it without charging the student.
 */
public final class WorkerPool {

    /** How often a running pool looks for jobs whose holder is gone; a look that finds none reads only. */
    static final Duration SWEEP = Duration.ofSeconds(5);

    private final JobQueue queue;
    private final int workers;
    private final String host;
    private final Supplier<JobHandler> handlers;
    private final QueueEvents events;
    private final String sandbox;
    private final List<String> owners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public WorkerPool(JobQueue queue, int workers, String host, Supplier<JobHandler> handlers, QueueEvents events) {
        this(queue, workers, host, handlers, events, "not said");
    }

    /** As above; {@code sandbox} says what the workers grade in, for the queue page's list of workers. */
    public WorkerPool(JobQueue queue, int workers, String host, Supplier<JobHandler> handlers, QueueEvents events,
                      String sandbox) {
        if (workers < 1) {
            throw new IllegalArgumentException("At least one worker is needed, asked for " + workers);
        }
        this.queue = queue;
        this.workers = workers;
        this.host = host;
        this.handlers = handlers;
        this.events = events;
        this.sandbox = sandbox;
    }

    /** Recovers abandoned jobs, then grades until the queue is empty; returns when every worker is done. */
    public void drain() {
        run(() -> false, Optional.empty());
    }

    /** Grades until {@code stop} says so, looking for new jobs every {@code idle} when the queue is empty. */
    public void serve(BooleanSupplier stop, Duration idle) {
        run(stop, Optional.of(idle));
    }

    private void run(BooleanSupplier stop, Optional<Duration> idle) {
        queue.recoverAbandoned(owner -> WorkerIdentity.certainlyDead(owner, host));
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "faultline-heartbeat");
            t.setDaemon(true);
            return t;
        });
        // Another process on this folder may die holding a job (SIGKILL, a lost host): every running pool
        // keeps sweeping, so the job is graded again once its lease runs out (at once if its process is seen
        // dead on this host), not only when some pool next starts.
        heartbeats.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> new Thread(r, "faultline-worker"));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 1; i <= workers; i++) {
                String owner = WorkerIdentity.of(host, "w" + i).toString();
                running.add(pool.submit(() -> work(owner, stop, idle, heartbeats)));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("A grading worker failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
            heartbeats.shutdownNow();
        }
    }

    private void work(String owner, BooleanSupplier stop, Optional<Duration> idle, ScheduledExecutorService heartbeats) {
        announce(owner);
        try (JobHandler handler = handlers.get()) {
            Optional<String> said = Optional.empty();
            while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
                handler.calibrate(owner);
                // A worker out of rotation leases nothing (the claim itself checks, in its transaction).
                Optional<Lease> claimed = queue.claim(owner);
                if (claimed.isEmpty()) {
                    Optional<String> out = queue.outOfRotation(owner);
                    if (out.isPresent() && !out.equals(said)) {
                        events.outOfRotation(owner, out.get());
                    }
                    said = out;
                    if (idle.isEmpty()) {
                        return;
                    }
                    // A long-running worker polls; drains never wait.
                    Thread.sleep(idle.get().toMillis());
                    continue;
                }
                Lease lease = claimed.get();
                long beat = Math.max(1, queue.leaseLength().toMillis() / 3);
                ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> beat(lease), beat, beat,
                        TimeUnit.MILLISECONDS);
                NewRun run;
                try {
                    run = attempt(handler, lease, owner);
                } finally {
                    heartbeat.cancel(false);
                }
                events.recorded(lease, run, queue.record(lease, run));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            owners.remove(owner);
            try {
                queue.stopped(owner);
            } catch (RuntimeException e) {
                // Only the roster's "stopped" mark is lost; the worker shows as no longer seen instead.
            }
        }
    }

    private void announce(String owner) {
        owners.add(owner);
        try {
            queue.announce(owner, sandbox);
        } catch (RuntimeException e) {
            // The roster is for people; grading goes on without it, and the next sweep's "seen" tries again.
        }
    }

    /** A failed heartbeat (a busy database) must not cancel the ones after it, as a thrown exception would. */
    private void sweep() {
        try {
            for (String owner : owners) {
                queue.seen(owner);
            }
        } catch (RuntimeException e) {
            // Only the roster's "last seen" lags; the next sweep tries again.
        }
        try {
            queue.recoverAbandoned(owner -> WorkerIdentity.certainlyDead(owner, host));
        } catch (RuntimeException e) {
            // The next sweep tries again; a job stays leased meanwhile, never lost.
        }
    }

    private void beat(Lease lease) {
        try {
            queue.heartbeat(lease);
        } catch (RuntimeException e) {
            // The next beat tries again; if the lease runs out meanwhile, the job is recovered, not lost.
        }
    }

    private NewRun attempt(JobHandler handler, Lease lease, String owner) {
        Instant started = queue.clock().instant();
        try {
            return handler.grade(lease, owner);
        } catch (SandboxUnavailableException e) {
            return platformFailure(owner, started, "The sandbox was not available: " + e.getMessage());
        } catch (RuntimeException e) {
            return platformFailure(owner, started, "The grader failed (" + e + "). This is the platform's fault.");
        }
    }

    private NewRun platformFailure(String owner, Instant started, String message) {
        Instant now = queue.clock().instant();
        return new NewRun(owner, Optional.empty(), Verdict.PLATFORM_ERROR, message + " It does not count against "
                + "the student; the job is tried again.", started, now, Duration.between(started, now).toMillis(),
                "{}", 0, 0, "", false, List.of(), List.of());
    }
}
