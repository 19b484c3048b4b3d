package faultline.grader.scoring;

import faultline.grader.course.Course;
import faultline.grader.store.CalibrationDao;
import faultline.grader.store.RunDao;
import faultline.grader.store.RunRow;
import faultline.grader.store.ScoreDao;
import faultline.grader.store.ScoreRow;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.User;
import faultline.grader.store.UserDao;
import faultline.runner.report.Verdict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Keeps the {@code scores} table in step with results and policy. A student's lab grades are
 * recomputed from their graded submissions; a grade that changed gets a new current row and the old
 * row stays as history.
 */
public final class ScoreKeeper {

    private final Course course;
    private final Clock clock;

    public ScoreKeeper(Course course, Clock clock) {
        this.course = course;
        this.clock = clock;
    }

    /** Recomputes one student's grades inside the caller's write transaction; returns what changed. */
    public List<ScoreChange> rescore(Handle h, long userId, String reason) {
        User user = h.attach(UserDao.class).byId(userId).orElseThrow();
        RunDao runs = h.attach(RunDao.class);
        Map<String, List<Candidate>> byLab = new LinkedHashMap<>();
        for (Submission s : h.attach(SubmissionDao.class).ofStudent(userId)) {
            if (course.lab(s.lab()).isEmpty()) {
                continue;
            }
            Optional<RunRow> standing = runs.standing(s.id());
            standing.ifPresent(r -> byLab.computeIfAbsent(s.lab(), k -> new ArrayList<>())
                    .add(new Candidate(s.id(), r.id(), s.lab(), s.receivedAt(), counted(h, s.lab(), r), r.maxPoints())));
        }
        ScoreDao scores = h.attach(ScoreDao.class);
        List<ScoreChange> changes = new ArrayList<>();
        for (LabGrade grade : new Gradebook(course).grade(user.login(), byLab)) {
            Optional<ScoreRow> current = scores.current(userId, grade.lab());
            if (current.isPresent() && same(current.get(), grade)) {
                continue;
            }
            scores.retire(userId, grade.lab());
            scores.insertCurrent(userId, grade.lab(), grade.counted().submissionId(), grade.counted().runId(),
                    grade.counted().rawPoints(), grade.counted().maxPoints(), grade.lateDays(), grade.graceDays(),
                    grade.penaltyPct(), grade.points(), grade.labPoints(), course.policy().name(), reason,
                    clock.instant());
            changes.add(new ScoreChange(userId, grade.lab(), current, grade));
        }
        return changes;
    }

    /**
     * The points a run counts for now. The stored run keeps what its tests earned, untouched; on top of that, a test
     * the reference failed in calibration (flagged for the run's suite digest, and undecided or decided "never count
     * it" by staff, see {@link CalibrationDao#excused}) costs nothing: where the run failed it on some seed, the run
     * counts the test's full points instead of the fraction of seeds passed. That is,
     * {@code counted = rawPoints + sum over excused tests t the run did not pass on every seed of (t.maxPoints -
     * t.points)}. A run that did not complete earns nothing whatever its tests say, and a test staff decided to
     * "count" costs points again. This is the one place the rule is applied; the dashboard only labels the failures
     * "not counted" from the same flags.
     */
    public static double counted(Handle h, String lab, RunRow run) {
        if (run.verdict() != Verdict.COMPLETED || run.suiteDigest().isEmpty()) {
            return run.rawPoints();
        }
        List<String> excused = h.attach(CalibrationDao.class).excused(lab, run.suiteDigest().get());
        if (excused.isEmpty()) {
            return run.rawPoints();
        }
        double counted = run.rawPoints();
        for (TestScore test : RunScore.ofRows(h.attach(RunDao.class).results(run.id())).tests()) {
            if (excused.contains(test.testId()) && !test.passedAll()) {
                counted += test.maxPoints() - test.points();
            }
        }
        return counted;
    }

    private boolean same(ScoreRow row, LabGrade grade) {
        return row.submissionId() == grade.counted().submissionId() && row.runId() == grade.counted().runId()
                && row.points() == grade.points() && row.penaltyPct() == grade.penaltyPct()
                && row.graceDays() == grade.graceDays() && row.labPoints() == grade.labPoints()
                && row.policy().equals(course.policy().name());
    }
}
