package faultline.grader.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.records.CourseRecords;
import faultline.grader.sandbox.SandboxUnavailableException;
import faultline.grader.store.Database;
import faultline.grader.store.GradingJob;
import faultline.grader.store.JobDao;
import faultline.grader.store.JobReason;
import faultline.grader.store.JobState;
import faultline.grader.store.LabDao;
import faultline.grader.store.LateStatus;
import faultline.grader.store.QueuedJob;
import faultline.grader.store.NewRun;
import faultline.grader.store.Role;
import faultline.grader.store.RunDao;
import faultline.grader.store.RunRow;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.UserDao;
import faultline.runner.report.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import faultline.grader.store.StoreKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class JobQueueTest {

    private static final Instant T = Instant.parse("2025-10-01T12:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    private String url;
    private Database db;
    private MutableClock clock;
    private JobQueue queue;
    private final AtomicInteger finals = new AtomicInteger();
    private long user;

    @BeforeEach
    void open() {
        url = kind.freshUrl(dir);
        db = Database.open(url);
        clock = new MutableClock(T);
        queue = new JobQueue(db, clock, LEASE, 3, (h, job, runId) -> finals.incrementAndGet());
        user = db.write(h -> {
            h.attach(LabDao.class).upsert("pbkv", 2, "pb", 100, T, T.plusSeconds(86400), T.plusSeconds(86400));
            return h.attach(UserDao.class).insert("alice", "Alice", "", Role.STUDENT, null, T);
        });
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        if (url != null) {
            StoreKind.drop(url);
        }
    }

    private long submission() {
        return submission(user);
    }

    private long submission(long by) {
        return db.write(h -> h.attach(SubmissionDao.class).insert(by, "pbkv", clock.instant(), "0".repeat(64), 1, 1, 0,
                LateStatus.ON_TIME));
    }

    private long student(String login) {
        return db.write(h -> h.attach(UserDao.class).insert(login, login, "", Role.STUDENT, null, T));
    }

    /** Queues a new submission of {@code by}'s a second after the last thing that happened; returns its job. */
    private long submits(long by) {
        clock.advance(Duration.ofSeconds(1));
        return queue.enqueue(submission(by), JobReason.SUBMISSION);
    }

    /** One worker grades whatever it leases next, taking a minute; returns the job it graded. */
    private long gradesNext() {
        clock.advance(Duration.ofSeconds(1));
        Lease lease = queue.claim("w").orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Completion.FINAL, queue.record(lease, run(Verdict.COMPLETED)));
        return lease.jobId();
    }

    private NewRun run(Verdict verdict) {
        return new NewRun("w", Optional.of("LOCAL"), verdict, verdict.name(), clock.instant(), clock.instant(),
                0, "{}", 1, 2, "", false, List.of(), List.of());
    }

    private List<RunRow> runsOf(long jobId) {
        return db.read(h -> h.attach(RunDao.class).ofJob(jobId));
    }

    private GradingJob job(long id) {
        return db.read(h -> h.attach(JobDao.class).byId(id)).orElseThrow();
    }

    @Test
    void newSubmissionsAreClaimedBeforeRegradesWhateverTheOrderOfArrival() {
        long regrade = queue.enqueue(submission(), JobReason.REGRADE);
        clock.advance(Duration.ofSeconds(1));
        long fresh1 = queue.enqueue(submission(), JobReason.SUBMISSION);
        clock.advance(Duration.ofSeconds(1));
        long fresh2 = queue.enqueue(submission(), JobReason.SUBMISSION);
        assertEquals(fresh1, queue.claim("a").orElseThrow().jobId());
        assertEquals(fresh2, queue.claim("a").orElseThrow().jobId());
        assertEquals(regrade, queue.claim("a").orElseThrow().jobId());
        assertTrue(queue.claim("a").isEmpty());
    }

    @Test
    void oneStudentsTenQueuedSubmissionsDelayAnotherStudentsOneByAtMostOneGrading() {
        long bob = student("bob");
        List<Long> alices = java.util.stream.Stream.generate(() -> submits(user)).limit(10).toList();
        long bobs = submits(bob);
        // Bob's arrives after all ten of Alice's: one of hers is graded first (she came first), then his.
        assertEquals(List.of(alices.get(0), bobs), List.of(gradesNext(), gradesNext()));
        for (int i = 1; i < 10; i++) {
            assertEquals(alices.get(i), gradesNext(), "the rest of Alice's, oldest first");
        }
    }

    @Test
    void aSubmissionArrivingWhileAnotherStudentsBacklogIsGradedWaitsOnlyForTheGradingUnderWay() {
        long bob = student("bob");
        List<Long> alices = java.util.stream.Stream.generate(() -> submits(user)).limit(10).toList();
        assertEquals(alices.get(0), gradesNext());
        assertEquals(alices.get(1), gradesNext());
        clock.advance(Duration.ofSeconds(1));
        Lease underWay = queue.claim("w").orElseThrow();
        assertEquals(alices.get(2), underWay.jobId());
        long bobs = submits(bob);
        clock.advance(Duration.ofMinutes(1));
        queue.record(underWay, run(Verdict.COMPLETED));
        assertEquals(bobs, gradesNext(), "Bob's is next once the grading under way ends");
        assertEquals(alices.get(3), gradesNext());
    }

    @Test
    void studentsTakeTurnsAndRegradesStillWaitForEveryNewSubmission() {
        long bob = student("bob");
        long carol = student("carol");
        long carolsRegrade = queue.enqueue(submission(carol), JobReason.REGRADE);
        long a1 = submits(user);
        long a2 = submits(user);
        long a3 = submits(user);
        long b1 = submits(bob);
        long b2 = submits(bob);
        long c1 = submits(carol);
        // Carol was never leased, but her regrade waits behind every new submission; her new one takes its turn.
        assertEquals(List.of(a1, b1, c1, a2, b2, a3, carolsRegrade),
                java.util.stream.Stream.generate(this::gradesNext).limit(7).toList());
        assertTrue(queue.claim("w").isEmpty());
    }

    @Test
    void theQueuePositionAStudentIsShownIsTheTurnTheirJobIsLeasedIn() {
        long bob = student("bob");
        long carol = student("carol");
        assertEquals(submits(carol), gradesNext());
        List<Long> queued = new java.util.ArrayList<>(List.of(queue.enqueue(submission(bob), JobReason.REGRADE)));
        for (long who : List.of(user, user, carol, user, bob, carol, bob)) {
            queued.add(submits(who));
        }
        CourseRecords records = new CourseRecords(db, clock, dir);
        java.util.Map<Long, Integer> shown = new java.util.TreeMap<>();
        for (long jobId : queued) {
            shown.put(jobId, records.standing(job(jobId).submissionId()).jobsAhead());
        }
        List<Long> listed = records.queue(100, 0).waiting().stream().map(QueuedJob::id).toList();
        List<Long> leased = java.util.stream.Stream.generate(this::gradesNext).limit(queued.size()).toList();
        assertEquals(leased, listed, "the queue page lists the waiting jobs in the order they are leased");
        for (int turn = 0; turn < leased.size(); turn++) {
            assertEquals(turn, shown.get(leased.get(turn)), "jobs shown ahead of job " + leased.get(turn));
        }
    }

    @Test
    void aStudentGradedLongAgoGoesBeforeOneGradedJustNow() {
        long bob = student("bob");
        long bobsFirst = submits(bob);
        assertEquals(bobsFirst, gradesNext());
        long a1 = submits(user);
        assertEquals(a1, gradesNext());
        // Alice's queued before Bob's, but Bob was served before Alice was: his turn comes first.
        long a2 = submits(user);
        long b2 = submits(bob);
        assertEquals(List.of(b2, a2), List.of(gradesNext(), gradesNext()));
    }

    @Test
    void anExpiredLeaseIsRequeuedAndTheOldHolderCannotFinish() {
        long jobId = queue.enqueue(submission(), JobReason.SUBMISSION);
        Lease first = queue.claim("host:1:w1:x").orElseThrow();
        clock.advance(LEASE.minusSeconds(1));
        assertEquals(0, queue.recoverAbandoned(owner -> false), "a live lease stays");
        assertTrue(queue.heartbeat(first), "the holder extends its lease");
        clock.advance(LEASE.plusSeconds(1));
        assertEquals(1, queue.recoverAbandoned(owner -> false));
        assertEquals(JobState.QUEUED, job(jobId).state());
        assertTrue(!queue.heartbeat(first), "a lost lease cannot be extended");

        Lease second = queue.claim("host:2:w1:y").orElseThrow();
        assertEquals(2, second.attempt());
        assertEquals(Completion.LEASE_LOST, queue.record(first, run(Verdict.COMPLETED)));
        assertEquals(Completion.FINAL, queue.record(second, run(Verdict.COMPLETED)));
        assertEquals(1, runsOf(jobId).stream().filter(RunRow::isFinal).count());
        assertEquals(2, runsOf(jobId).size(), "the late attempt is kept, as non-final");
        assertEquals(1, finals.get());
    }

    @Test
    void aDeadHolderIsRecoveredWithoutWaitingForItsLease() {
        long jobId = queue.enqueue(submission(), JobReason.SUBMISSION);
        queue.claim("host:999999999:w1:x").orElseThrow();
        assertEquals(1, queue.recoverAbandoned(owner -> WorkerIdentity.certainlyDead(owner, "host")));
        assertEquals(JobState.QUEUED, job(jobId).state());
    }

    @Test
    void platformFailuresAreRetriedABoundedNumberOfTimesAndNeverCharged() {
        long sub = submission();
        long jobId = queue.enqueue(sub, JobReason.SUBMISSION);
        assertEquals(Completion.RETRYING, queue.record(queue.claim("w").orElseThrow(), run(Verdict.PLATFORM_ERROR)));
        assertEquals(Completion.RETRYING, queue.record(queue.claim("w").orElseThrow(), run(Verdict.PLATFORM_ERROR)));
        assertEquals(Completion.GAVE_UP, queue.record(queue.claim("w").orElseThrow(), run(Verdict.PLATFORM_ERROR)));
        assertTrue(queue.claim("w").isEmpty());
        assertEquals(JobState.FAILED, job(jobId).state());
        assertEquals(0, finals.get(), "no score follows from a platform failure");
        assertEquals(0, (int) db.read(h -> h.attach(SubmissionDao.class).countCharged(user, "pbkv")));
        assertTrue(db.read(h -> h.attach(RunDao.class).standing(sub)).isEmpty());
    }

    @Test
    void aPlatformFailureThenASuccessEndsWithTheSuccess() {
        long jobId = queue.enqueue(submission(), JobReason.SUBMISSION);
        assertEquals(Completion.RETRYING, queue.record(queue.claim("w").orElseThrow(), run(Verdict.PLATFORM_ERROR)));
        assertEquals(Completion.FINAL, queue.record(queue.claim("w").orElseThrow(), run(Verdict.COMPILE_ERROR)));
        assertEquals(JobState.DONE, job(jobId).state());
        assertEquals(Verdict.COMPILE_ERROR, runsOf(jobId).stream().filter(RunRow::isFinal).findFirst().orElseThrow().verdict());
        assertEquals(1, (int) db.read(h -> h.attach(SubmissionDao.class).countCharged(user, "pbkv")));
    }

    @Test
    void twoWorkersRecordingAtOnceLeaveExactlyOneFinalResult() throws Exception {
        for (int round = 0; round < 20; round++) {
            long jobId = queue.enqueue(submission(), JobReason.SUBMISSION);
            Lease stale = queue.claim("host:1:w1:x").orElseThrow();
            clock.advance(LEASE.plusSeconds(1));
            queue.recoverAbandoned(owner -> false);
            Lease fresh = queue.claim("host:2:w2:y").orElseThrow();
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService two = Executors.newFixedThreadPool(2);
            Future<Completion> a = two.submit(() -> { together.await(); return queue.record(stale, run(Verdict.COMPLETED)); });
            Future<Completion> b = two.submit(() -> { together.await(); return queue.record(fresh, run(Verdict.COMPLETED)); });
            assertEquals(List.of(Completion.LEASE_LOST, Completion.FINAL), List.of(a.get(), b.get()));
            two.shutdown();
            assertEquals(1, runsOf(jobId).stream().filter(RunRow::isFinal).count());
        }
        assertEquals(20, finals.get());
    }

    @Test
    void workersClaimingAtOnceNeverShareAJobAndLeaveNoneBehind() throws Exception {
        int jobs = 40;
        for (int i = 0; i < jobs; i++) {
            queue.enqueue(submission(), JobReason.SUBMISSION);
        }
        int workers = 4;
        CyclicBarrier together = new CyclicBarrier(workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
        List<Future<Integer>> done = new java.util.ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String owner = "host:" + w + ":w" + w + ":x";
            done.add(pool.submit(() -> {
                together.await();
                int mine = 0;
                for (Optional<Lease> lease = queue.claim(owner); lease.isPresent(); lease = queue.claim(owner)) {
                    claimed.add(lease.get().jobId());
                    assertEquals(owner, job(lease.get().jobId()).leaseOwner().orElseThrow());
                    mine++;
                }
                return mine;
            }));
        }
        int total = 0;
        for (Future<Integer> f : done) {
            total += f.get();
        }
        pool.shutdown();
        assertEquals(jobs, total);
        assertEquals(jobs, claimed.stream().distinct().count(), "no job was leased twice");
        assertTrue(db.read(h -> h.attach(JobDao.class).all()).stream().allMatch(j -> j.state() == JobState.RUNNING
                && j.attempts() == 1));
    }

    @Test
    void theSchemaItselfRefusesASecondFinalRun() {
        long sub = submission();
        long jobId = queue.enqueue(sub, JobReason.SUBMISSION);
        queue.record(queue.claim("w").orElseThrow(), run(Verdict.COMPLETED));
        assertThrows(UnableToExecuteStatementException.class, () -> db.write(h ->
                run(Verdict.COMPLETED).insert(h.attach(RunDao.class), jobId, sub, 1, true)));
    }

    @Test
    void aPoolOfTwoWorkersGradesEveryJobExactlyOnceAndRetriesThrownPlatformFailures() {
        int jobs = 30;
        for (int i = 0; i < jobs; i++) {
            queue.enqueue(submission(), JobReason.SUBMISSION);
        }
        ConcurrentLinkedQueue<Long> graded = new ConcurrentLinkedQueue<>();
        AtomicInteger calls = new AtomicInteger();
        WorkerPool pool = new WorkerPool(queue, 2, "host", () -> (lease, worker) -> {
            if (calls.incrementAndGet() % 7 == 0) {
                throw new SandboxUnavailableException("engine went away");
            }
            graded.add(lease.jobId());
            return run(Verdict.COMPLETED);
        }, QueueEvents.none());
        pool.drain();
        assertEquals(jobs, finals.get());
        assertEquals(jobs, graded.stream().distinct().count());
        assertEquals(jobs, graded.size(), "no job graded twice to completion");
        List<GradingJob> all = db.read(h -> h.attach(JobDao.class).all());
        assertTrue(all.stream().allMatch(j -> j.state() == JobState.DONE));
        assertEquals(0, queue.pending());
    }
}
