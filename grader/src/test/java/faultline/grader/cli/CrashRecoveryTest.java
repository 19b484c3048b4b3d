package faultline.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.store.Database;
import faultline.grader.store.GradingJob;
import faultline.grader.store.JobDao;
import faultline.grader.store.JobState;
import faultline.grader.store.RunDao;
import faultline.grader.store.RunRow;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grader is killed with SIGKILL in the middle of a batch and started again: every submission must
 * end graded exactly once, none lost, and the database must pass SQLite's integrity check.
 */
class CrashRecoveryTest {

    static final int STUDENTS = 12;

    @TempDir
    Path dir;

    Process start(Path handins) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dwork.millis=600", CrashableGrader.class.getName(),
                "batch", "--workers", "2", "--no-progress", "pbkv", handins.toString());
        pb.environment().put("FAULTLINE_DATA", dir.resolve("data").toString());
        pb.redirectErrorStream(true);
        return pb.start();
    }

    @Test
    void aBatchKilledMidwayEndsWithEverySubmissionGradedExactlyOnce() throws Exception {
        Path handins = Files.createDirectories(dir.resolve("handins"));
        for (int i = 0; i < STUDENTS; i++) {
            Path pkg = Files.createDirectories(handins.resolve("student" + i).resolve("faultline/labs/pbkv"));
            Files.writeString(pkg.resolve("PBServer.java"), "package faultline.labs.pbkv;\nclass PBServer { int v = " + i + "; }\n");
        }

        Process first = start(handins);
        List<String> seen = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int started = 0;
            while ((line = lines.readLine()) != null) {
                seen.add(line);
                // Kill once several jobs have started, so some are done and some are mid-grade.
                if (line.startsWith("GRADING") && ++started == 5) {
                    first.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, first.exitValue(), "killed by SIGKILL; output: " + seen);

        Database db = Database.open(dir.resolve("data/faultline.db"));
        List<GradingJob> afterCrash = db.read(h -> h.attach(JobDao.class).all());
        assertTrue(afterCrash.stream().anyMatch(j -> j.state() == JobState.RUNNING),
                "the kill must land while a job is being graded: " + afterCrash);

        Process second = start(handins);
        String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(second.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, second.exitValue(), output);

        assertEquals("ok", db.integrityCheck());
        List<Submission> submissions = db.read(h -> h.attach(SubmissionDao.class).ofLab("pbkv"));
        assertEquals(STUDENTS, submissions.size(), "none lost and none stored twice");
        for (Submission s : submissions) {
            List<GradingJob> jobs = db.read(h -> h.attach(JobDao.class).ofSubmission(s.id()));
            assertEquals(1, jobs.size(), "one job for submission " + s.id());
            assertEquals(JobState.DONE, jobs.get(0).state());
            List<RunRow> runs = db.read(h -> h.attach(RunDao.class).ofJob(jobs.get(0).id()));
            assertEquals(1, runs.stream().filter(RunRow::isFinal).count(), "exactly one final result for " + s.id());
        }
        assertTrue(db.read(h -> h.attach(JobDao.class).all()).stream().anyMatch(j -> j.attempts() >= 2),
                "a job interrupted by the kill was taken up again");
    }
}
