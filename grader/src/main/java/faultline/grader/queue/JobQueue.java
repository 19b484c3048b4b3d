package faultline.grader.queue;

import faultline.grader.store.AuditLog;
import faultline.grader.store.Database;
import faultline.grader.store.GradingJob;
import faultline.grader.store.JobDao;
import faultline.grader.store.JobReason;
import faultline.grader.store.JobState;
import faultline.grader.store.NewRun;
import faultline.grader.store.RunDao;
import faultline.grader.store.WorkerDao;
import faultline.runner.report.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/**
 * The grading queue over {@code grading_jobs}. Claims, heartbeats and completions are single write
 * transactions conditional on the lease owner; the final run is unique per job in the schema as well,
 * so two workers can never both record a final result for one job.
 */
public final class JobQueue {

    private final Database db;
    private final Clock clock;
    private final Duration lease;
    private final int maxAttempts;
    private final FinalResultListener onFinal;

    public JobQueue(Database db, Clock clock, Duration lease, int maxAttempts, FinalResultListener onFinal) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.db = db;
        this.clock = clock;
        this.lease = lease;
        this.maxAttempts = maxAttempts;
        this.onFinal = onFinal;
    }

    public Duration leaseLength() {
        return lease;
    }

    public Clock clock() {
        return clock;
    }

    /** Adds a job inside the caller's transaction (so a submission and its job commit together). */
    public long enqueue(Handle handle, long submissionId, JobReason reason) {
        return handle.attach(JobDao.class).insert(submissionId, reason, reason.priority(), maxAttempts, clock.instant());
    }

    public long enqueue(long submissionId, JobReason reason) {
        return db.write(h -> enqueue(h, submissionId, reason));
    }

    /**
     * Leases the most urgent queued job, fairly between students ({@link JobDao#FAIR_ORDER}): lowest priority number,
     * then the student least recently leased, then that student's oldest job; nothing for a worker out of rotation.
     * On PostgreSQL concurrent claims (from any host) skip each other's locked rows instead of queueing behind one
     * writer, so two claims at the same moment may serve one student twice; one at a time they take turns.
     */
    public Optional<Lease> claim(String owner) {
        return db.claim(h -> {
            // Calibration took this worker out of rotation: it takes nothing until staff put it back.
            if (h.attach(WorkerDao.class).outOfRotation(owner).isPresent()) {
                return Optional.<Lease>empty();
            }
            JobDao jobs = h.attach(JobDao.class);
            Optional<GradingJob> next = db.dialect() == Database.Dialect.POSTGRESQL ? jobs.nextQueuedSkippingLocked()
                    : jobs.nextQueued();
            if (next.isEmpty()) {
                return Optional.<Lease>empty();
            }
            Instant now = clock.instant();
            if (jobs.lease(next.get().id(), owner, now, now.plus(lease)) != 1) {
                return Optional.<Lease>empty();
            }
            return Optional.of(new Lease(jobs.byId(next.get().id()).orElseThrow(), owner));
        });
    }

    /** Extends the lease; false when it was lost (expired and recovered), in which case the worker should stop. */
    public boolean heartbeat(Lease held) {
        Instant now = clock.instant();
        return db.write(h -> h.attach(JobDao.class).heartbeat(held.jobId(), held.owner(), now, now.plus(lease))) == 1;
    }

    /**
     * Records an attempt. A platform failure goes back to the queue while tries remain; anything else,
     * or the last try, becomes the job's one final result and {@link FinalResultListener} runs with it.
     */
    public Completion record(Lease held, NewRun run) {
        return db.write(h -> {
            JobDao jobs = h.attach(JobDao.class);
            RunDao runs = h.attach(RunDao.class);
            GradingJob job = jobs.byId(held.jobId()).orElseThrow();
            boolean holding = job.state() == JobState.RUNNING && job.leaseOwner().equals(Optional.of(held.owner()));
            if (!holding) {
                run.insert(runs, job.id(), job.submissionId(), held.attempt(), false);
                return Completion.LEASE_LOST;
            }
            if (run.platformFailed() && job.attempts() < job.maxAttempts()) {
                run.insert(runs, job.id(), job.submissionId(), held.attempt(), false);
                requireOne(jobs.release(job.id(), held.owner()), job);
                return Completion.RETRYING;
            }
            long runId = run.insert(runs, job.id(), job.submissionId(), held.attempt(), true);
            JobState end = run.platformFailed() ? JobState.FAILED : JobState.DONE;
            requireOne(jobs.finish(job.id(), held.owner(), end, runId, clock.instant()), job);
            if (end == JobState.DONE) {
                onFinal.onFinal(h, job, runId);
            }
            return end == JobState.DONE ? Completion.FINAL : Completion.GAVE_UP;
        });
    }

    /** Gives a job back untouched (a worker shutting down before it started grading). */
    public void release(Lease held) {
        db.write(h -> h.attach(JobDao.class).release(held.jobId(), held.owner()));
    }

    /**
     * Re-queues jobs whose worker is gone: the lease ran out, or {@code holderIsGone} says so (a dead process
     * on this host). A job that has used all its tries this way ends as a platform failure, not charged.
     *
     * @return the number of jobs recovered
     */
    public int recoverAbandoned(Predicate<String> holderIsGone) {
        // Swept often by every running pool: look first, and take the write lock only when there is work.
        Instant seen = clock.instant();
        if (db.read(h -> h.attach(JobDao.class).running()).stream().noneMatch(j -> abandoned(j, seen, holderIsGone))) {
            return 0;
        }
        return db.write(h -> {
            JobDao jobs = h.attach(JobDao.class);
            Instant now = clock.instant();
            int recovered = 0;
            for (GradingJob job : jobs.running()) {
                String owner = job.leaseOwner().orElseThrow();
                if (!abandoned(job, now, holderIsGone)) {
                    continue;
                }
                boolean expired = job.leaseExpiresAt().map(at -> !at.isAfter(now)).orElse(true);
                h.attach(AuditLog.class).append(now, "grader", "lease reclaimed", "submission " + job.submissionId(),
                        "job=" + job.id() + " holder=" + owner + (expired ? " lease expired at "
                                + job.leaseExpiresAt().map(Instant::toString).orElse("?") : " holder process ended")
                                + "; attempt " + job.attempts() + " is not charged to the student");
                if (job.attempts() >= job.maxAttempts()) {
                    String message = "The grader stopped " + job.attempts() + " times while grading this submission. "
                            + "This is the platform's fault and does not count against you; ask staff to regrade.";
                    long runId = new NewRun(owner, Optional.empty(), Verdict.PLATFORM_ERROR, message, now, now, 0,
                            "{}", 0, 0, "", false, List.of(), List.of())
                            .insert(h.attach(RunDao.class), job.id(), job.submissionId(), job.attempts(), true);
                    requireOne(jobs.finish(job.id(), owner, JobState.FAILED, runId, now), job);
                } else {
                    requireOne(jobs.requeue(job.id(), owner), job);
                }
                recovered++;
            }
            return recovered;
        });
    }

    private static boolean abandoned(GradingJob job, Instant now, Predicate<String> holderIsGone) {
        boolean expired = job.leaseExpiresAt().map(at -> !at.isAfter(now)).orElse(true);
        return expired || job.leaseOwner().map(holderIsGone::test).orElse(true);
    }

    /** A worker says it is here: its identity ({@link WorkerIdentity}) and the sandbox it grades in. */
    public void announce(String owner, String sandbox) {
        WorkerIdentity who = WorkerIdentity.parse(owner).orElse(new WorkerIdentity("?", 0, owner, ""));
        db.write(h -> {
            h.attach(WorkerDao.class).announce(owner, who.host(), who.pid(), sandbox, clock.instant());
            return null;
        });
    }

    /** Why calibration took a worker out of rotation; empty while it may lease. */
    public Optional<String> outOfRotation(String owner) {
        return db.read(h -> h.attach(WorkerDao.class).outOfRotation(owner));
    }

    /** A worker is still alive (shown as last seen on the queue page). */
    public void seen(String owner) {
        db.write(h -> h.attach(WorkerDao.class).seen(owner, clock.instant()));
    }

    /** A worker stopped on its own; one that was killed just stops being seen. */
    public void stopped(String owner) {
        db.write(h -> h.attach(WorkerDao.class).stopped(owner, clock.instant()));
    }

    public int pending() {
        return db.read(h -> h.attach(JobDao.class).pending());
    }

    private static void requireOne(int changed, GradingJob job) {
        // Inside the writer's IMMEDIATE transaction the row was just read, so anything but one row is a bug.
        if (changed != 1) {
            throw new IllegalStateException("Job " + job.id() + " changed under its own write transaction");
        }
    }
}
