package faultline.grader.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.course.CourseFile;
import faultline.grader.course.LabConfig;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Regrade;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.queue.MutableClock;
import faultline.grader.store.JobState;
import faultline.grader.store.RunRow;
import faultline.grader.store.ScoreRow;
import faultline.grader.store.StoreKind;
import faultline.grader.store.Submission;
import faultline.grader.store.TestPassRate;
import faultline.grader.store.User;
import faultline.runner.report.TestStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The grader's named operations, on both databases, over a seeded course: 3 students x 2 graded submissions of
 * lab 0, each run 8 tests x 3 seeds.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class CourseRecordsTest {

    private static final int STUDENTS = 3;
    private static final int PER_LAB = 2;

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    private String url;
    private Grader grader;
    private LabConfig lab;
    private SeededCourse.Seeded seeded;

    @BeforeEach
    void seed() {
        url = kind.freshUrl(dir);
        LabConfig pingpong = CourseFile.defaultCourse().lab("pingpong").orElseThrow();
        grader = new Grader(new DataFolder(dir.resolve("data")), CourseFile.defaultCourse(),
                new MutableClock(pingpong.release().plus(Duration.ofDays(1))), SuiteCatalog.of(Set.of("pingpong")),
                Optional.of(url));
        lab = pingpong;
        seeded = SeededCourse.seed(grader, STUDENTS, List.of(lab), PER_LAB, "not-a-real-hash");
    }

    @AfterEach
    void drop() {
        if (grader != null) {
            grader.close();
        }
        StoreKind.drop(url);
    }

    @Test
    void theScoreboardIsReadWholeAndOnlyAgainWhenSomethingChanged() {
        ScoreboardData board = grader.records().scoreboardIfChanged("").orElseThrow();
        assertEquals(STUDENTS, board.students().size());
        assertEquals(STUDENTS, board.currentScores().size());
        assertEquals(STUDENTS, board.cells().size());
        assertTrue(board.cells().stream().allMatch(c -> c.submissions() == PER_LAB && c.lab().equals(lab.name())));
        assertTrue(board.cells().stream().allMatch(c -> c.bestFraction() >= c.latestFraction()
                && c.latestFraction() >= 0 && c.bestFraction() <= 1));
        assertTrue(grader.records().scoreboardIfChanged(board.version()).isEmpty(), "nothing changed");

        grader.records().audit("staff", "note", "lab " + lab.name(), "");
        ScoreboardData after = grader.records().scoreboardIfChanged(board.version()).orElseThrow();
        assertNotEquals(board.version(), after.version());
    }

    @Test
    void aStudentsHistoryHasEverySubmissionNewestFirstAndTheirScores() {
        StudentHistory history = grader.records().history("student001", List.of(lab.name())).orElseThrow();
        assertEquals("student001", history.user().login());
        assertEquals(PER_LAB, history.submissions().size());
        assertTrue(history.submissions().get(0).receivedAt().isAfter(history.submissions().get(1).receivedAt()));
        assertTrue(history.submissions().stream().allMatch(l -> l.jobState().equals(Optional.of("DONE"))));
        assertTrue(history.scores().stream().anyMatch(ScoreRow::current));
        assertTrue(grader.records().history("nobody", List.of(lab.name())).isEmpty());
    }

    @Test
    void labFiguresCountEveryFinalRunsSeedsPerTest() {
        LabFigures figures = grader.records().labFigures(lab.name());
        assertEquals(STUDENTS, figures.currentScores().size());
        assertEquals(8, figures.tests().size());
        int runs = STUDENTS * PER_LAB;
        assertTrue(figures.tests().stream().allMatch(t -> t.ran() == runs * 3), figures.tests().toString());
        long passedSeeds = 0;
        for (User u : grader.records().users()) {
            for (Submission s : grader.records().submissions(u.id(), lab.name())) {
                RunRow run = grader.records().standingRun(s.id()).orElseThrow();
                passedSeeds += grader.records().results(run.id()).stream()
                        .filter(r -> r.status() == TestStatus.PASSED).count();
            }
        }
        assertEquals(passedSeeds, figures.tests().stream().mapToInt(TestPassRate::passed).sum());
    }

    @Test
    void oneRegradeRuleTakesTheLatestOrTheSubmissionTheGradeStandsOn() throws Exception {
        User student = grader.records().user("student000").orElseThrow();
        List<Submission> subs = grader.records().submissions(student.id(), lab.name());
        ScoreRow current = grader.records().currentScore(student.id(), lab.name()).orElseThrow();

        assertEquals(List.of(subs.get(subs.size() - 1).id()),
                grader.regrade(lab.name(), Regrade.Which.LATEST, Optional.of("student000"), "staff"));
        assertEquals(List.of(current.submissionId()),
                grader.regrade(lab.name(), Regrade.Which.BEST, Optional.of("student000"), "staff"));
        assertEquals(STUDENTS, grader.regrade(lab.name(), Regrade.Which.LATEST, Optional.empty(), "staff").size(),
                "one submission per student who has any; the TA has none");

        QueueSnapshot queue = grader.records().queue(100, 30);
        assertEquals(2 + STUDENTS, queue.queued());
        assertEquals(STUDENTS * PER_LAB, queue.done());
        assertEquals(2 + STUDENTS, queue.waiting().size());
        assertEquals(subs.get(subs.size() - 1).id(), queue.waiting().get(0).submissionId(), "oldest regrade first");
        JobStanding first = grader.records().standing(queue.waiting().get(0).submissionId());
        assertEquals(JobState.QUEUED, first.latestJob().orElseThrow().state());
        long lastQueued = queue.waiting().get(queue.waiting().size() - 1).submissionId();
        assertEquals(queue.waiting().size() - 1, grader.records().standing(lastQueued).jobsAhead());
        assertEquals(3, grader.records().auditLog().stream().filter(e -> e.action().equals("regrade.batch")).count());
    }

    @Test
    void aSubmissionsResultsAreReadAgainOnlyWhenItsJobsOrRunsChange() {
        long submission = seeded.lastSubmissions().get(0);
        SubmissionResults results = grader.records().resultsIfChanged(submission, "").orElseThrow();
        assertEquals(submission, results.line().orElseThrow().id());
        assertEquals(24, results.results().size());
        assertTrue(results.run().orElseThrow().isFinal());
        assertTrue(grader.records().resultsIfChanged(submission, results.version()).isEmpty());

        grader.regrade(submission, "staff");
        SubmissionResults queued = grader.records().resultsIfChanged(submission, results.version()).orElseThrow();
        assertEquals(JobState.QUEUED, queued.standing().latestJob().orElseThrow().state());
        assertEquals(results.run().orElseThrow().id(), queued.run().orElseThrow().id(), "the old result still stands");
        assertTrue(grader.records().resultsIfChanged(999_999, "").orElseThrow().line().isEmpty());
    }
}
