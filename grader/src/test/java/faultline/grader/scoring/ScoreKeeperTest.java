package faultline.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.course.Course;
import faultline.grader.queue.JobQueue;
import faultline.grader.queue.MutableClock;
import faultline.grader.store.Database;
import faultline.grader.store.JobReason;
import faultline.grader.store.LabDao;
import faultline.grader.store.LateStatus;
import faultline.grader.store.NewRun;
import faultline.grader.store.Role;
import faultline.grader.store.ScoreDao;
import faultline.grader.store.ScoreRow;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.UserDao;
import faultline.runner.report.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import faultline.grader.store.StoreKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class ScoreKeeperTest {

    @Parameter
    StoreKind kind;

    @Test
    void aRegradeAddsAScoreRowAndKeepsThePreviousOne(@TempDir Path dir) throws Exception {
        String url = kind.freshUrl(dir);
        try (Database db = Database.open(url)) {
            aRegradeAddsAScoreRowAndKeepsThePreviousOne(db);
        } finally {
            StoreKind.drop(url);
        }
    }

    private void aRegradeAddsAScoreRowAndKeepsThePreviousOne(Database db) throws Exception {
        Course course = GradebookTest.course("latest", 0);
        MutableClock clock = new MutableClock(Instant.parse("2026-09-20T00:00:00Z"));
        ScoreKeeper keeper = new ScoreKeeper(course, clock);
        JobQueue queue = new JobQueue(db, clock, Duration.ofMinutes(1), 3, (h, job, runId) ->
                keeper.rescore(h, h.attach(SubmissionDao.class).byId(job.submissionId()).orElseThrow().userId(), "graded"));
        long user = db.write(h -> {
            course.labs().forEach(l -> h.attach(LabDao.class).upsert(l.name(), l.number(), l.title(), l.points(),
                    l.release(), l.due(), l.hardEnd()));
            return h.attach(UserDao.class).insert("s", "S", "", Role.STUDENT, null, clock.instant());
        });
        long sub = db.write(h -> h.attach(SubmissionDao.class).insert(user, "one", clock.instant(), "0".repeat(64), 1, 1,
                0, LateStatus.ON_TIME));
        queue.enqueue(sub, JobReason.SUBMISSION);
        queue.record(queue.claim("w").orElseThrow(), run(10));
        queue.enqueue(sub, JobReason.REGRADE);
        queue.record(queue.claim("w").orElseThrow(), run(15));

        List<ScoreRow> history = db.read(h -> h.attach(ScoreDao.class).history(user, "one"));
        assertEquals(2, history.size());
        assertEquals(50.0, history.get(0).points());
        assertFalse(history.get(0).current());
        assertEquals(75.0, history.get(1).points());
        assertTrue(history.get(1).current());

        // Recomputing with nothing changed adds nothing.
        assertTrue(db.write(h -> keeper.rescore(h, user, "again")).isEmpty());
        assertEquals(2, db.read(h -> h.attach(ScoreDao.class).history(user, "one")).size());
    }

    private static NewRun run(double raw) {
        Instant t = Instant.parse("2026-09-20T00:00:00Z");
        return new NewRun("w", Optional.of("LOCAL"), Verdict.COMPLETED, "", t, t, 1, "{}", raw, 20, "", false,
                List.of(), List.of());
    }
}
