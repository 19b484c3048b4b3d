package faultline.grader.grading;

import faultline.grader.course.Course;
import faultline.grader.course.CourseException;
import faultline.grader.course.LabConfig;
import faultline.grader.queue.JobQueue;
import faultline.grader.scoring.Gradebook;
import faultline.grader.store.AuditLog;
import faultline.grader.store.CourseCopies;
import faultline.grader.store.Database;
import faultline.grader.store.JobReason;
import faultline.grader.store.LateStatus;
import faultline.grader.store.SharedSourceDao;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.User;
import faultline.grader.store.UserDao;
import faultline.grader.submission.ContentStore;
import faultline.grader.submission.CourseFileCheck;
import faultline.grader.submission.SubmissionReader;
import faultline.grader.submission.SubmissionRejectedException;
import faultline.grader.submission.ValidatedSubmission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Takes a submission in: the lab must exist and have a suite, the archive must pass every check (and keep clear of
 * where the course's own files go), and (for students) the lab must be open and the limits kept; only then are the
 * sources stored and the submission, what grading will replace or leave out of it, and its grading job written,
 * together, in one transaction.
 */
public final class Intake {

    /** Whether the course's release date, hard end, count limit and cooldown apply. */
    public enum Rules { STUDENT, STAFF }

    private final Database db;
    private final ContentStore store;
    private final SubmissionReader reader;
    private final Course course;
    private final SuiteCatalog suites;
    private final JobQueue queue;
    private final Clock clock;

    public Intake(Database db, ContentStore store, SubmissionReader reader, Course course, SuiteCatalog suites,
                  JobQueue queue, Clock clock) {
        this.db = db;
        this.store = store;
        this.reader = reader;
        this.course = course;
        this.suites = suites;
        this.queue = queue;
        this.clock = clock;
    }

    public Accepted submit(String login, String lab, Path source, Rules rules)
            throws SubmissionRejectedException, CourseException {
        LabConfig config = gradableLab(lab);
        return accept(login, config, reader.read(lab, source), rules, clock.instant());
    }

    public Accepted submit(String login, String lab, String fileName, byte[] archive, Rules rules)
            throws SubmissionRejectedException, CourseException {
        LabConfig config = gradableLab(lab);
        return accept(login, config, reader.read(lab, fileName, archive), rules, clock.instant());
    }

    /** The content hash the sources at {@code source} would be stored under, without storing them. */
    public String contentHash(String lab, Path source) throws SubmissionRejectedException {
        return ContentStore.hashOf(reader.read(lab, source));
    }

    /** The lab's configuration, if it exists in the course and has a suite to grade with. */
    public LabConfig gradableLab(String lab) throws CourseException {
        return gradableLab(course, suites, lab);
    }

    /** As {@link #gradableLab(String)}, for commands that run a suite without taking a submission in (replay). */
    public static LabConfig gradableLab(Course course, SuiteCatalog suites, String lab) throws CourseException {
        LabConfig config = course.requireLab(lab);
        if (!suites.hasSuite(lab)) {
            throw new CourseException("Lab " + lab + " has no hidden test suite in this build of Faultline, so it "
                    + "cannot be graded yet. Ask the course staff, or grade a lab whose suite ships.");
        }
        return config;
    }

    private Accepted accept(String login, LabConfig lab, ValidatedSubmission sources, Rules rules, Instant now)
            throws SubmissionRejectedException {
        SortedMap<String, byte[]> courseFiles = suites.courseFiles(lab.name());
        CourseFileCheck.refuseClashes(sources, courseFiles.keySet());
        CourseCopies copies = CourseFileCheck.copies(sources, courseFiles, suites.gradedPublicTests(lab.name()));
        User user = db.read(h -> h.attach(UserDao.class).byLogin(login)).orElseThrow(() ->
                new SubmissionRejectedException("There is no user '" + login + "'. Add them first with "
                        + "`faultline users add " + login + "` or a roster import."));
        Instant due = course.dueFor(login, lab);
        Instant hardEnd = course.hardEndFor(login, lab);
        int lateDays = Gradebook.lateDays(due, now);
        LateStatus status = now.isAfter(hardEnd) ? LateStatus.AFTER_HARD_END
                : lateDays > 0 ? LateStatus.LATE : LateStatus.ON_TIME;
        if (rules == Rules.STUDENT) {
            checkOpen(lab, now, status, hardEnd);
            checkLimits(user, lab, now);
        }
        String hash;
        byte[] shared;
        try {
            hash = store.put(sources);
            // Workers on other hosts grade from the shared database, not from this data folder.
            shared = db.dialect() == Database.Dialect.POSTGRESQL ? store.bytesOf(hash) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the submission's sources: " + e.getMessage()
                    + ". Check the data folder has space and is writable.", e);
        }
        return db.write(h -> {
            if (shared.length > 0) {
                h.attach(SharedSourceDao.class).put(hash, shared);
            }
            long id = h.attach(SubmissionDao.class).insert(user.id(), lab.name(), now, hash, sources.files().size(),
                    sources.bytes(), lateDays, status);
            if (!copies.isEmpty()) {
                h.attach(SubmissionDao.class).noteCourseCopies(id, CourseCopies.Stored.of(copies));
            }
            long job = queue.enqueue(h, id, JobReason.SUBMISSION);
            h.attach(AuditLog.class).append(now, login, "submit", "submission " + id,
                    "lab=" + lab.name() + " hash=" + hash + " files=" + sources.files().size() + " late=" + status);
            return new Accepted(id, job, hash, sources.files().size(), sources.dropped(), status, lateDays);
        });
    }

    private static void checkOpen(LabConfig lab, Instant now, LateStatus status, Instant hardEnd)
            throws SubmissionRejectedException {
        if (now.isBefore(lab.release())) {
            throw new SubmissionRejectedException("Lab " + lab.name() + " opens for submissions at " + lab.release()
                    + ". Submit after that.");
        }
        if (status == LateStatus.AFTER_HARD_END) {
            throw new SubmissionRejectedException("Lab " + lab.name() + " closed at " + hardEnd + "; no more "
                    + "submissions are taken. Ask the course staff if you believe you have an extension.");
        }
    }

    private void checkLimits(User user, LabConfig lab, Instant now) throws SubmissionRejectedException {
        int used = db.read(h -> h.attach(SubmissionDao.class).countCharged(user.id(), lab.name()));
        if (used >= course.limits().maxSubmissions()) {
            throw new SubmissionRejectedException("You have used all " + course.limits().maxSubmissions()
                    + " submissions for lab " + lab.name() + ". Your best graded submission counts.");
        }
        Optional<Instant> last = db.read(h -> h.attach(SubmissionDao.class).lastReceived(user.id(), lab.name()));
        if (last.isPresent()) {
            Instant allowed = last.get().plus(course.limits().cooldown());
            if (now.isBefore(allowed)) {
                long seconds = Duration.between(now, allowed).toSeconds() + 1;
                throw new SubmissionRejectedException("You submitted lab " + lab.name() + " moments ago; submissions "
                        + "must be " + course.limits().cooldown().toSeconds() + " s apart. Try again in " + seconds
                        + " s, and run the public tests locally in the meantime.");
            }
        }
    }
}
