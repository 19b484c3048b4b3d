package faultline.grader.records;

import faultline.grader.queue.LeaseOrder;
import faultline.grader.store.Artifact;
import faultline.grader.store.AuditLog;
import faultline.grader.store.CalibrationDao;
import faultline.grader.store.CourseCopies;
import faultline.grader.store.Database;
import faultline.grader.store.GradedTest;
import faultline.grader.store.JobDao;
import faultline.grader.store.PublishedLabDao;
import faultline.grader.store.QueuedJob;
import faultline.grader.store.QueuedTurn;
import faultline.grader.store.RecordQueries;
import faultline.grader.store.Role;
import faultline.grader.store.RunDao;
import faultline.grader.store.RunRow;
import faultline.grader.store.ScoreDao;
import faultline.grader.store.ScoreRow;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.SubmissionLine;
import faultline.grader.store.TestResultRow;
import faultline.grader.store.User;
import faultline.grader.store.UserDao;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the course has on record, read for pages and commands. Each operation that a page shows at once reads in
 * one connection, so what it returns is one consistent moment; each answers with values, never with the store.
 */
public final class CourseRecords {

    /** Workers' throughput on the queue page counts the runs they recorded over this long. */
    public static final java.time.Duration THROUGHPUT_WINDOW = java.time.Duration.ofMinutes(10);

    /** How many recent jobs the typical grading time is taken over. */
    private static final int RECENT_JOBS = 50;

    private final Database db;
    private final Clock clock;
    private final java.nio.file.Path dataRoot;

    /** @param dataRoot the data folder artifacts' paths are relative to */
    public CourseRecords(Database db, Clock clock, java.nio.file.Path dataRoot) {
        this.db = db;
        this.clock = clock;
        this.dataRoot = dataRoot.toAbsolutePath().normalize();
    }

    // --- people -----------------------------------------------------------------------------------------------

    public Optional<User> user(long id) {
        return db.read(h -> h.attach(UserDao.class).byId(id));
    }

    public Optional<User> user(String login) {
        return db.read(h -> h.attach(UserDao.class).byLogin(login));
    }

    public List<User> users() {
        return db.read(h -> h.attach(UserDao.class).all());
    }

    // --- submissions and their results ----------------------------------------------------------------------

    public Optional<Submission> submission(long id) {
        return db.read(h -> h.attach(SubmissionDao.class).byId(id));
    }

    /** A student's submissions to one lab, oldest first. */
    public List<Submission> submissions(long userId, String lab) {
        return db.read(h -> h.attach(SubmissionDao.class).of(userId, lab));
    }

    /** A student's submissions with where each stands, newest first. */
    public List<SubmissionLine> linesOf(long userId) {
        return db.read(h -> h.attach(RecordQueries.class).submissionsOf(userId));
    }

    public Optional<SubmissionLine> line(long submissionId) {
        return db.read(h -> h.attach(RecordQueries.class).submission(submissionId));
    }

    /** A student's submissions, newest first, each with the tests of the run that stands for it. */
    public record LinesWithTests(List<SubmissionLine> lines, List<GradedTest> tests) {
    }

    public LinesWithTests linesWithTestsOf(long userId) {
        return db.read(h -> {
            RecordQueries q = h.attach(RecordQueries.class);
            return new LinesWithTests(q.submissionsOf(userId), q.testsOfSubmissionsOf(userId));
        });
    }

    /** The tests a run graded, by id and category: what result visibility is decided on. */
    public List<GradedTest> testsOfRun(long runId) {
        return db.read(h -> h.attach(RecordQueries.class).testsOfRun(runId));
    }

    public Optional<RunRow> run(long runId) {
        return db.read(h -> h.attach(RunDao.class).byId(runId));
    }

    /** The standing result of a submission: the final run of its latest finished job. */
    public Optional<RunRow> standingRun(long submissionId) {
        return db.read(h -> h.attach(RunDao.class).standing(submissionId));
    }

    public List<TestResultRow> results(long runId) {
        return db.read(h -> h.attach(RunDao.class).results(runId));
    }

    public Optional<TestResultRow> testResult(long resultId) {
        return db.read(h -> h.attach(RecordQueries.class).testResult(resultId));
    }

    public List<Artifact> artifacts(long runId) {
        return db.read(h -> h.attach(RunDao.class).artifacts(runId));
    }

    /**
     * What an artifact holds: the file in this host's data folder (never outside it), else the copy a worker on
     * another host left in the shared database; empty when neither is there.
     */
    public Optional<byte[]> artifactContent(Artifact artifact) {
        java.nio.file.Path file = dataRoot.resolve(artifact.path()).normalize();
        if (file.startsWith(dataRoot) && java.nio.file.Files.isRegularFile(file)) {
            try {
                return Optional.of(java.nio.file.Files.readAllBytes(file));
            } catch (java.io.IOException e) {
                // Unreadable here; the shared copy may still be there.
            }
        }
        return db.read(h -> h.attach(RunDao.class).sharedArtifact(artifact.path()));
    }

    /**
     * Everything a submission's page is made of, read at one moment, unless {@code knownVersion} is still its
     * version (a regrade adds a job and a run, a finished job changes state): then empty, and the caller's copy
     * stands.
     */
    public Optional<SubmissionResults> resultsIfChanged(long submissionId, String knownVersion) {
        return db.read(h -> {
            // A flag appearing or decided changes which failures count, so it changes every submission's version.
            String version = h.createQuery(SUBMISSION_VERSION).bind("id", submissionId).mapTo(String.class).one()
                    + "/" + h.attach(CalibrationDao.class).flagsVersion();
            if (version.equals(knownVersion)) {
                return Optional.<SubmissionResults>empty();
            }
            Optional<SubmissionLine> line = h.attach(RecordQueries.class).submission(submissionId);
            if (line.isEmpty()) {
                return Optional.of(new SubmissionResults(version, line, JobStanding.NONE, Optional.empty(),
                        List.of(), List.of(), List.of(), 0));
            }
            JobStanding standing = standing(h, submissionId);
            RunDao runs = h.attach(RunDao.class);
            Optional<RunRow> run = runs.standing(submissionId);
            List<TestResultRow> rows = run.map(r -> runs.results(r.id())).orElse(List.of());
            List<Artifact> artifacts = run.map(r -> runs.artifacts(r.id())).orElse(List.of());
            // The same flags the score is computed with (ScoreKeeper.counted): here only to label the failures.
            List<String> notCounted = run.filter(r -> r.verdict() == faultline.runner.report.Verdict.COMPLETED)
                    .flatMap(RunRow::suiteDigest)
                    .map(d -> h.attach(CalibrationDao.class).excused(line.get().lab(), d)).orElse(List.of());
            double counted = run.map(r -> faultline.grader.scoring.ScoreKeeper.counted(h, line.get().lab(), r))
                    .orElse(0.0);
            return Optional.of(new SubmissionResults(version, line, standing, run, rows, artifacts, notCounted,
                    counted));
        });
    }

    /** Changes when a submission gets a new job, a job changes state, or a new run is recorded. */
    private static final String SUBMISSION_VERSION = "SELECT (SELECT COALESCE(MAX(id), 0) FROM grading_jobs "
            + "WHERE submission_id = :id) || '/' || COALESCE((SELECT state || '/' || COALESCE(final_run_id, 0) "
            + "FROM grading_jobs WHERE submission_id = :id ORDER BY id DESC LIMIT 1), '') || '/' || "
            + "(SELECT COALESCE(MAX(id), 0) FROM runs WHERE submission_id = :id)";

    // --- the queue --------------------------------------------------------------------------------------------

    /** The submission's own files that grading replaces with the course's or leaves out, for telling the student. */
    public CourseCopies courseCopies(long submissionId) {
        return db.read(h -> h.attach(SubmissionDao.class).courseCopies(submissionId)).map(CourseCopies.Stored::copies)
                .orElse(CourseCopies.NONE);
    }

    /** Where a submission's latest job stands in the queue. */
    public JobStanding standing(long submissionId) {
        return db.read(h -> standing(h, submissionId));
    }

    private static JobStanding standing(org.jdbi.v3.core.Handle h, long submissionId) {
        List<faultline.grader.store.GradingJob> jobs = h.attach(JobDao.class).ofSubmission(submissionId);
        RecordQueries q = h.attach(RecordQueries.class);
        List<Long> recent = q.recentDurationsMillis(RECENT_JOBS);
        if (jobs.isEmpty()) {
            return new JobStanding(Optional.empty(), 0, recent);
        }
        faultline.grader.store.GradingJob job = jobs.get(jobs.size() - 1);
        int ahead = job.state() == faultline.grader.store.JobState.QUEUED
                ? LeaseOrder.jobsAhead(q.queuedTurns(job.priority()), job.id()) : 0;
        return new JobStanding(Optional.of(job), ahead, recent);
    }


    /** How long recently finished jobs took from lease to result, newest first. */
    public List<Long> recentDurationsMillis() {
        return db.read(h -> h.attach(RecordQueries.class).recentDurationsMillis(RECENT_JOBS));
    }

    /** The queue at one moment: counts by state, what waits, what runs, what finished lately. */
    public QueueSnapshot queue(int listed, int finishedListed) {
        return db.read(h -> {
            RecordQueries q = h.attach(RecordQueries.class);
            return new QueueSnapshot(q.countIn("QUEUED"), q.countIn("RUNNING"), q.countIn("DONE"), q.countIn("FAILED"),
                    waitingInTurn(q, listed), q.jobsIn("RUNNING", listed), q.recentlyFinished(finishedListed),
                    q.recentDurationsMillis(RECENT_JOBS), h.attach(faultline.grader.store.WorkerDao.class).roster(
                            clock.instant().minus(THROUGHPUT_WINDOW), clock.instant().minus(java.time.Duration.ofHours(1))));
        });
    }

    /** The first {@code listed} queued jobs in the order workers will lease them. */
    private static List<QueuedJob> waitingInTurn(RecordQueries q, int listed) {
        List<Long> ids = LeaseOrder.of(q.queuedTurns(Integer.MAX_VALUE)).stream().limit(listed).map(QueuedTurn::jobId)
                .toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, QueuedJob> byId = new LinkedHashMap<>();
        q.jobs(ids).forEach(j -> byId.put(j.id(), j));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    // --- grades -----------------------------------------------------------------------------------------------

    public Optional<ScoreRow> currentScore(long userId, String lab) {
        return db.read(h -> h.attach(ScoreDao.class).current(userId, lab));
    }

    /** Every grade that counts now, by student then lab. */
    public List<ScoreRow> currentScores() {
        return db.read(h -> h.attach(ScoreDao.class).allCurrent());
    }

    /**
     * The scoreboard's data at one moment, unless {@code knownVersion} is still current: the version changes
     * with any new score, submission, run, user or audited action, and costs a few primary-key lookups.
     */
    public Optional<ScoreboardData> scoreboardIfChanged(String knownVersion) {
        return db.read(h -> {
            String version = h.createQuery(SCOREBOARD_VERSION).mapTo(String.class).one();
            if (version.equals(knownVersion)) {
                return Optional.<ScoreboardData>empty();
            }
            return Optional.of(new ScoreboardData(version, h.attach(UserDao.class).withRole(Role.STUDENT),
                    h.attach(ScoreDao.class).allCurrent(), h.attach(RecordQueries.class).labCells()));
        });
    }

    private static final String SCOREBOARD_VERSION = "SELECT COALESCE((SELECT MAX(id) FROM scores), 0) || '/' || "
            + "COALESCE((SELECT MAX(id) FROM submissions), 0) || '/' || COALESCE((SELECT MAX(id) FROM runs), 0) || '/' || "
            + "COALESCE((SELECT MAX(id) FROM users), 0) || '/' || COALESCE((SELECT MAX(id) FROM audit_log), 0)";

    /**
     * Every change of a student's lab grades that the student did not cause by submitting (regrades, rescores,
     * calibration decisions), newest first, each with what changed and why.
     */
    public List<ScoreNotice> scoreNotices(long userId) {
        return db.read(h -> {
            List<ScoreRow> rows = h.attach(ScoreDao.class).allOf(userId);
            List<ScoreNotice> notices = new ArrayList<>();
            for (int i = 1; i < rows.size(); i++) {
                ScoreRow before = rows.get(i - 1);
                ScoreRow after = rows.get(i);
                if (!before.lab().equals(after.lab()) || after.reason().startsWith("submission")
                        || Math.abs(after.points() - before.points()) < 0.005) {
                    continue;
                }
                notices.add(new ScoreNotice(after.lab(), before.points(), after.points(), after.labPoints(),
                        after.computedAt(), after.reason(), before.submissionId(), after.submissionId(),
                        ScoreChanges.between(h.attach(RunDao.class), before, after)));
            }
            notices.sort(java.util.Comparator.comparing(ScoreNotice::at).reversed());
            return notices;
        });
    }

    /** A person's submissions, newest first, and every score they ever had in {@code labs}, current or replaced. */
    public Optional<StudentHistory> history(String login, List<String> labs) {
        return db.read(h -> h.attach(UserDao.class).byLogin(login).map(user -> {
            ScoreDao scores = h.attach(ScoreDao.class);
            List<ScoreRow> all = new ArrayList<>();
            labs.forEach(lab -> all.addAll(scores.history(user.id(), lab)));
            return new StudentHistory(user, h.attach(RecordQueries.class).submissionsOf(user.id()), all);
        }));
    }

    /** A lab's current grades and how often each of its tests passed over its graded runs. */
    public LabFigures labFigures(String lab) {
        return db.read(h -> new LabFigures(lab,
                h.attach(ScoreDao.class).allCurrent().stream().filter(s -> s.lab().equals(lab)).toList(),
                h.attach(RecordQueries.class).passRates(lab)));
    }

    // --- publishing and the audit log ---------------------------------------------------------------------------

    /** Labs whose after_published results staff have released. */
    public Set<String> publishedLabs() {
        return db.read(h -> h.attach(PublishedLabDao.class).published());
    }

    /** Releases (or withdraws) a lab's after_published results, and notes who did it in the audit log. */
    public void publish(String lab, boolean published, String actor) {
        db.write(h -> {
            PublishedLabDao dao = h.attach(PublishedLabDao.class);
            if (published) {
                dao.publish(lab, clock.instant(), actor);
            } else {
                dao.withdraw(lab);
            }
            h.attach(AuditLog.class).append(clock.instant(), actor, published ? "lab.publish" : "lab.withdraw",
                    "lab " + lab, "");
            return null;
        });
    }

    /** Notes an action in the append-only audit log. */
    public void audit(String actor, String action, String subject, String detail) {
        db.write(h -> {
            h.attach(AuditLog.class).append(clock.instant(), actor, action, subject, detail);
            return null;
        });
    }

    public List<faultline.grader.store.AuditEntry> auditLog() {
        return db.read(h -> h.attach(AuditLog.class).all());
    }
}
