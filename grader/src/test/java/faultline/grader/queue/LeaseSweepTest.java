package faultline.grader.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.store.AuditEntry;
import faultline.grader.store.AuditLog;
import faultline.grader.store.Database;
import faultline.grader.store.GradingJob;
import faultline.grader.store.JobDao;
import faultline.grader.store.JobReason;
import faultline.grader.store.JobState;
import faultline.grader.store.LabDao;
import faultline.grader.store.LateStatus;
import faultline.grader.store.NewRun;
import faultline.grader.store.Role;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.UserDao;
import faultline.runner.report.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import faultline.grader.store.StoreKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pool that is already running takes up a job whose holder vanished once the holder's lease runs out, without
 * being restarted: the holder here is a worker on another machine, so only its lease can tell it is gone. The
 * reclaim is audited and the student is charged nothing for it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ParameterizedClass
@EnumSource(StoreKind.class)
class LeaseSweepTest {

    private static final Instant T = Instant.parse("2025-10-01T12:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;

    @Test
    void aRunningPoolReclaimsAJobWhoseLeaseRanOutWithoutRestarting() throws Exception {
        String url = kind.freshUrl(dir);
        try (Database db = Database.open(url)) {
            MutableClock clock = new MutableClock(T);
            JobQueue queue = new JobQueue(db, clock, LEASE, 3, (h, job, runId) -> { });
            long user = db.write(h -> {
                h.attach(LabDao.class).upsert("pbkv", 2, "pb", 100, T, T.plusSeconds(86400), T.plusSeconds(86400));
                return h.attach(UserDao.class).insert("alice", "Alice", "", Role.STUDENT, null, T);
            });
            long submission = db.write(h -> h.attach(SubmissionDao.class).insert(user, "pbkv", T, "0".repeat(64), 1, 1,
                    0, LateStatus.ON_TIME));
            long job = queue.enqueue(submission, JobReason.SUBMISSION);
            assertTrue(queue.claim("elsewhere:4242:w1:0badf00d").isPresent(), "a worker on another host holds it");

            WorkerPool pool = new WorkerPool(queue, 1, "here", () -> (lease, worker) -> new NewRun(worker,
                    Optional.of("LOCAL"), Verdict.COMPLETED, "ok", clock.instant(), clock.instant(), 0, "{}",
                    1, 1, "", false, List.of(), List.of()), QueueEvents.none());
            AtomicBoolean stop = new AtomicBoolean();
            Thread serving = new Thread(() -> pool.serve(stop::get, Duration.ofMillis(50)), "test-pool");
            serving.start();
            try {
                // Started while the lease is good: the job is not touched, however many sweeps pass.
                awaitSweeps(1);
                assertEquals(JobState.RUNNING, job(db, job).state());

                clock.advance(LEASE.plusSeconds(1));
                while (job(db, job).state() != JobState.DONE) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            } finally {
                stop.set(true);
                serving.join();
            }
            GradingJob done = job(db, job);
            assertEquals(2, done.attempts(), "graded again after the lost attempt");
            List<AuditEntry> reclaims = db.read(h -> h.attach(AuditLog.class).all()).stream()
                    .filter(a -> a.action().equals("lease reclaimed")).toList();
            assertEquals(1, reclaims.size(), reclaims.toString());
            assertEquals("submission " + submission, reclaims.get(0).subject());
            assertTrue(reclaims.get(0).detail().contains("lease expired") && reclaims.get(0).detail()
                    .contains("not charged"), reclaims.get(0).detail());
            int charged = db.read(h -> h.attach(SubmissionDao.class).countCharged(user, "pbkv"));
            assertEquals(1, charged, "one submission, charged once");
        } finally {
            StoreKind.drop(url);
        }
    }

    /** Real time for the pool's sweeps to have run at least {@code n} times: the sweep runs on its own clock. */
    private static void awaitSweeps(int n) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(WorkerPool.SWEEP.toMillis() * n + 500);
    }

    private static GradingJob job(Database db, long id) {
        return db.read(h -> h.attach(JobDao.class).byId(id)).orElseThrow();
    }
}
