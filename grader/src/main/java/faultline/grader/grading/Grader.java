package faultline.grader.grading;

import faultline.grader.course.Course;
import faultline.grader.queue.JobHandler;
import faultline.grader.queue.JobQueue;
import faultline.grader.queue.QueueEvents;
import faultline.grader.queue.WorkerPool;
import faultline.grader.records.Calibrations;
import faultline.grader.records.CourseRecords;
import faultline.grader.records.SignInRecords;
import faultline.grader.records.SimilarityRecords;
import faultline.grader.sandbox.Sandbox;
import faultline.grader.sandbox.SandboxOwner;
import faultline.grader.sandbox.SandboxUnavailableException;
import faultline.grader.scoring.ScoreKeeper;
import faultline.grader.store.AuditLog;
import faultline.grader.course.CourseException;
import faultline.grader.store.Database;
import faultline.grader.store.JobReason;
import faultline.grader.store.LabDao;
import faultline.grader.store.SharedSourceDao;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.User;
import faultline.grader.submission.ContentStore;
import faultline.grader.submission.SubmissionReader;
import faultline.grader.submission.SubmissionRules;
import faultline.grader.users.Users;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The grading platform over one data folder: the database (migrated, labs copied from the course),
 * the content store, the queue with scoring hooked to final results, and intake. The CLI and the web
 * module both start from here, and the web module goes no further: it reads through {@link #records()} and
 * {@link #signIns()} and acts through the operations here, never through the database.
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
    private final CourseRecords records;
    private final SignInRecords signIns;
    private final Users users;
    private final Calibrations calibrations;
    private final SimilarityRecords similarity;

    /** A grader whose database is the SQLite file in {@code data}. */
    public Grader(DataFolder data, Course course, Clock clock, SuiteCatalog suites) {
        this(data, course, clock, suites, Optional.empty());
    }

    /**
     * A grader over {@code databaseUrl} (a JDBC URL: {@code jdbc:postgresql://...} for graders on several hosts
     * sharing one database), or the SQLite file in {@code data} when it is empty. Submissions' files and artifacts
     * stay under {@code data}.
     */
    public Grader(DataFolder data, Course course, Clock clock, SuiteCatalog suites, Optional<String> databaseUrl) {
        this(data, course, clock, suites, databaseUrl, true);
    }

    /**
     * A grader that joins the shared database at {@code databaseUrl} as a worker host: the course there is the one
     * its server wrote, so this host's {@code course} (for seeds and sandbox limits) adds no labs to it, and the
     * workers calibrate only labs the database has.
     */
    public static Grader joining(DataFolder data, Course course, Clock clock, SuiteCatalog suites, String databaseUrl) {
        return new Grader(data, course, clock, suites, Optional.of(databaseUrl), false);
    }

    private Grader(DataFolder data, Course course, Clock clock, SuiteCatalog suites, Optional<String> databaseUrl,
                   boolean keepsTheCourse) {
        this.data = data;
        this.course = course;
        this.clock = clock;
        this.db = databaseUrl.map(Database::open).orElseGet(() -> Database.open(data.database()));
        this.records = new CourseRecords(db, clock, data.root());
        this.signIns = new SignInRecords(db);
        this.users = new Users(db, clock);
        this.store = new ContentStore(data.contentStore());
        this.scores = new ScoreKeeper(course, clock);
        this.calibrations = new Calibrations(db, clock, scores);
        this.similarity = new SimilarityRecords(db, clock);
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
        if (keepsTheCourse) {
            db.write(h -> {
                LabDao labs = h.attach(LabDao.class);
                course.labs().forEach(l -> labs.upsert(l.name(), l.number(), l.title(), l.points(), l.release(), l.due(),
                        l.hardEnd()));
                return null;
            });
        }
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

    /** The store itself, for the grader's own commands; other modules use the operations. */
    public Database db() {
        return db;
    }

    /** What the course has on record: submissions, results, grades, the queue. */
    public CourseRecords records() {
        return records;
    }

    /** Sessions, API tokens and sign-in attempts. */
    public SignInRecords signIns() {
        return signIns;
    }

    public Users users() {
        return users;
    }

    /** Workers' calibrations, rotation, flagged tests and staff's decisions on them. */
    public Calibrations calibrations() {
        return calibrations;
    }

    /** Queues one submission for grading again, noting who asked in the audit log; returns the job. */
    public long regrade(long submissionId, String actor) {
        Submission s = records.submission(submissionId).orElseThrow(() -> new IllegalArgumentException(
                "There is no submission " + submissionId + "."));
        long job = queue.enqueue(s.id(), JobReason.REGRADE);
        records.audit(actor, "regrade", "submission " + s.id(), "job=" + job);
        return job;
    }

    /**
     * Queues a regrade of each student's submission that {@code which} picks ({@link Regrade#pick}) in
     * {@code lab}, or of one student's; notes it in the audit log and returns the submissions queued.
     */
    public List<Long> regrade(String lab, Regrade.Which which, Optional<String> student, String actor)
            throws CourseException {
        intake.gradableLab(lab);
        List<User> people = records.users().stream()
                .filter(u -> student.map(u.login()::equals).orElse(true)).toList();
        if (student.isPresent() && people.isEmpty()) {
            throw new IllegalArgumentException("There is no user '" + student.get() + "'.");
        }
        List<Long> queued = new ArrayList<>();
        for (User u : people) {
            Optional<Long> target = Regrade.pick(records.submissions(u.id(), lab), records.currentScore(u.id(), lab),
                    which);
            if (target.isPresent()) {
                queue.enqueue(target.get(), JobReason.REGRADE);
                queued.add(target.get());
            }
        }
        records.audit(actor, "regrade.batch", "lab " + lab, "which=" + which + " queued=" + queued.size());
        return List.copyOf(queued);
    }

    /** Similarity runs of the labs, their ranked pairs and matched regions (staff only). */
    public SimilarityRecords similarity() {
        return similarity;
    }

    /**
     * A stored submission's files by path: from this host's data folder, or (received by a server on another host
     * that shares this database) from the database, kept in the data folder from then on.
     */
    public Map<String, byte[]> sourcesOf(Submission submission) throws IOException {
        if (!store.contains(submission.contentHash())) {
            byte[] shared = db.read(h -> h.attach(SharedSourceDao.class).get(submission.contentHash()))
                    .orElseThrow(() -> new IOException("The sources of submission " + submission.id() + " are neither "
                            + "in " + data.root() + " nor in the database " + db.where() + ". Run this on the host "
                            + "that received it, or give its data folder with --data."));
            store.putBytes(submission.contentHash(), shared);
        }
        return store.read(submission.contentHash());
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
        return workers(workers, sandboxes, events, ReferenceSolutions.none());
    }

    /**
     * A pool of {@code workers}, each with its own sandbox from {@code sandboxes}, each calibrating with the labs'
     * {@code references} before it leases (see {@link Calibrator}); with no references, nothing is calibrated.
     */
    public WorkerPool workers(int workers, SandboxFactory sandboxes, QueueEvents events, ReferenceSolutions references) {
        return new WorkerPool(queue, workers, host, () -> handler(sandboxes, references), events, sandboxes.describe());
    }

    private JobHandler handler(SandboxFactory sandboxes, ReferenceSolutions references) {
        Sandbox sandbox;
        try {
            sandbox = sandboxes.open();
        } catch (SandboxUnavailableException e) {
            // Each job such a worker took would be a platform failure, retried elsewhere. With calibration it takes
            // none: its reference runs fail the same way and take it out of rotation first.
            sandbox = new Sandbox() {
                @Override
                public faultline.grader.sandbox.SandboxKind kind() {
                    return faultline.grader.sandbox.SandboxKind.LOCAL;
                }

                @Override
                public faultline.grader.sandbox.SandboxOutcome grade(faultline.grader.sandbox.SandboxRequest request)
                        throws SandboxUnavailableException {
                    throw e;
                }

                @Override
                public void close() {
                }
            };
        }
        return new SandboxGrading(db, store, course, data, sandbox, clock, suites,
                Optional.of(new Calibrator(course, () -> db.read(h -> h.attach(LabDao.class).all()), suites,
                        references, data, calibrations, clock)));
    }

    @Override
    public void close() {
        db.close();
    }
}
