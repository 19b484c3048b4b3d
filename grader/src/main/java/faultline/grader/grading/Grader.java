package faultline.grader.grading;

import faultline.grader.course.Course;
import faultline.grader.queue.JobHandler;
import faultline.grader.queue.JobQueue;
import faultline.grader.queue.QueueEvents;
import faultline.grader.queue.WorkerPool;
import faultline.grader.sandbox.Sandbox;
import faultline.grader.sandbox.SandboxOwner;
import faultline.grader.sandbox.SandboxUnavailableException;
import faultline.grader.scoring.ScoreKeeper;
import faultline.grader.store.AuditLog;
import faultline.grader.store.Database;
import faultline.grader.store.LabDao;
import faultline.grader.store.SubmissionDao;
import faultline.grader.submission.ContentStore;
import faultline.grader.submission.SubmissionReader;
import faultline.grader.submission.SubmissionRules;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The grading platform over one data folder: the database (migrated, labs copied from the course),
 * the content store, the queue with scoring hooked to final results, and intake. The CLI and the web
 * module both start from here.
 */
public final class Grader implements AutoCloseable {

    /** How long a worker holds a job without a heartbeat before another may take it. */
    public static final Duration LEASE = Duration.ofMinutes(2);
    /** Tries a job gets when the platform, not the submission, fails. */
    public static final int MAX_ATTEMPTS = 3;

    private final DataFolder data;
    private final Course course;
    private final Clock clock;
    private final Database db;
    private final ContentStore store;
    private final JobQueue queue;
    private final ScoreKeeper scores;
    private final Intake intake;
    private final String host;
    private final SuiteCatalog suites;

    public Grader(DataFolder data, Course course, Clock clock, SuiteCatalog suites, List<String> extraMigrations) {
        this.data = data;
        this.course = course;
        this.clock = clock;
        this.db = Database.open(data.database(), extraMigrations);
        this.store = new ContentStore(data.contentStore());
        this.scores = new ScoreKeeper(course, clock);
        this.queue = new JobQueue(db, clock, LEASE, MAX_ATTEMPTS, (h, job, runId) -> {
            long userId = h.attach(SubmissionDao.class).byId(job.submissionId()).orElseThrow().userId();
            scores.rescore(h, userId, job.reason().name().toLowerCase(java.util.Locale.ROOT) + " of submission "
                    + job.submissionId());
            h.attach(AuditLog.class).append(clock.instant(), "grader", "graded", "submission " + job.submissionId(),
                    "job=" + job.id() + " run=" + runId);
        });
        this.intake = new Intake(db, store, new SubmissionReader(SubmissionRules.defaults()), course, suites, queue, clock);
        this.host = SandboxOwner.thisHost();
        this.suites = suites;
        db.write(h -> {
            LabDao labs = h.attach(LabDao.class);
            course.labs().forEach(l -> labs.upsert(l.name(), l.number(), l.title(), l.points(), l.release(), l.due(),
                    l.hardEnd()));
            return null;
        });
    }

    public DataFolder data() {
        return data;
    }

    public Course course() {
        return course;
    }

    public Clock clock() {
        return clock;
    }

    public Database db() {
        return db;
    }

    public ContentStore store() {
        return store;
    }

    public JobQueue queue() {
        return queue;
    }

    public ScoreKeeper scores() {
        return scores;
    }

    public Intake intake() {
        return intake;
    }

    /** Whether {@code lab} has a hidden suite to grade with. */
    public boolean hasSuite(String lab) {
        return suites.hasSuite(lab);
    }

    /** A pool of {@code workers}, each with its own sandbox from {@code sandboxes}. */
    public WorkerPool workers(int workers, SandboxFactory sandboxes, QueueEvents events) {
        return new WorkerPool(queue, workers, host, () -> handler(sandboxes), events);
    }

    private JobHandler handler(SandboxFactory sandboxes) {
        Sandbox sandbox;
        try {
            sandbox = sandboxes.open();
        } catch (SandboxUnavailableException e) {
            // The worker still runs: each job it takes is recorded as a platform failure and retried.
            return (lease, worker) -> {
                throw e;
            };
        }
        return new SandboxGrading(db, store, course, data, sandbox, clock);
    }

    @Override
    public void close() {
        db.close();
    }
}
