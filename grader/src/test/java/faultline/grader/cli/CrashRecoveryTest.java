package faultline.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.store.Database;
import faultline.grader.store.GradingJob;
import faultline.grader.store.JobDao;
import faultline.grader.store.JobState;
import faultline.grader.store.RunDao;
import faultline.grader.store.RunRow;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.UserDao;
import faultline.runner.report.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grader is killed with SIGKILL in the middle of a batch and started again, grading real pingpong
 * submissions, good and broken, with the real runner in {@link faultline.grader.sandbox.LocalSandbox} child
 * JVMs and two workers; the kill lands while a runner is running. Every submission must end with exactly its
 * right result, once, none lost, the database must pass SQLite's integrity check, and the killed attempts
 * must be taken up again without counting against the student.
 */
class CrashRecoveryTest {

    static final Path REPO = Path.of(System.getProperty("faultline.repoRoot", "..")).toAbsolutePath().normalize();
    static final String RUNNER_MAIN = "faultline.runner.SandboxRunner";

    /** What each student handed in, and so what their result must be. */
    enum Kind { REFERENCE, DOES_NOT_COMPILE, TAKES_STALE_ANSWERS, READS_THE_WALL_CLOCK }

    @TempDir
    Path dir;

    Process start(Path handins) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dfaultline.repoRoot=" + REPO, CrashableGrader.class.getName(),
                "batch", "--workers", "2", "--no-progress", "pingpong", handins.toString());
        pb.environment().put("FAULTLINE_DATA", dir.resolve("data").toString());
        pb.redirectErrorStream(true);
        return pb.start();
    }

    @Test
    void aBatchKilledWhileRunnersRunEndsWithEverySubmissionsRightResultExactlyOnce() throws Exception {
        // Sorted by login, which is the order jobs are claimed in: a quick compile error first puts the two
        // workers out of step, so one is mid-run whenever the other starts a job.
        Map<String, Kind> students = new LinkedHashMap<>();
        students.put("s1", Kind.DOES_NOT_COMPILE);
        students.put("s2", Kind.REFERENCE);
        students.put("s3", Kind.TAKES_STALE_ANSWERS);
        students.put("s4", Kind.REFERENCE);
        students.put("s5", Kind.READS_THE_WALL_CLOCK);
        students.put("s6", Kind.REFERENCE);
        Path handins = Files.createDirectories(dir.resolve("handins"));
        students.forEach((login, kind) -> handIn(handins.resolve(login), kind));

        Process first = start(handins);
        List<String> seen = new ArrayList<>();
        List<ProcessHandle> runnersAtKill = List.of();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            int started = 0;
            for (String line; (line = lines.readLine()) != null; ) {
                seen.add(line);
                if (!line.startsWith("GRADING") || ++started < 3) {
                    continue;
                }
                // At least one job is done; kill the moment the other worker's runner JVM is seen running.
                runnersAtKill = first.descendants().filter(CrashRecoveryTest::isRunner).toList();
                if (!runnersAtKill.isEmpty()) {
                    first.destroyForcibly();
                    break;
                }
            }
        }
        try {
            assertFalse(runnersAtKill.isEmpty(), "no runner was running at any job start to kill the grader under: "
                    + seen);
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, first.exitValue(), "killed by SIGKILL; output: " + seen);

            try (Database db = Database.open(dir.resolve("data/faultline.db"))) {
                List<Long> killed = db.read(h -> h.attach(JobDao.class).all()).stream()
                        .filter(j -> j.state() == JobState.RUNNING).map(GradingJob::id).toList();
                assertFalse(killed.isEmpty(), "the kill must land while a job is being graded");

                Process second = start(handins);
                String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(second.waitFor(120, TimeUnit.SECONDS));
                assertEquals(0, second.exitValue(), output);

                assertEquals("ok", db.integrityCheck());
                List<Submission> submissions = db.read(h -> h.attach(SubmissionDao.class).ofLab("pingpong"));
                assertEquals(students.size(), submissions.size(), "none lost and none stored twice");
                for (Submission s : submissions) {
                    String login = db.read(h -> h.attach(UserDao.class).byId(s.userId())).orElseThrow().login();
                    List<GradingJob> jobs = db.read(h -> h.attach(JobDao.class).ofSubmission(s.id()));
                    assertEquals(1, jobs.size(), "one job for " + login);
                    GradingJob job = jobs.get(0);
                    assertEquals(JobState.DONE, job.state(), login);
                    List<RunRow> runs = db.read(h -> h.attach(RunDao.class).ofJob(job.id()));
                    assertEquals(1, runs.size(), "one run for " + login + ", the killed attempt left none: " + runs);
                    RunRow result = runs.get(0);
                    assertTrue(result.isFinal(), login);
                    assertRightResult(students.get(login), result, login);
                    int charged = db.read(h -> h.attach(SubmissionDao.class).countCharged(s.userId(), "pingpong"));
                    assertEquals(1, charged, "one submission charged to " + login);
                    if (killed.contains(job.id())) {
                        assertEquals(2, job.attempts(), "the killed attempt was re-queued and graded once more: "
                                + login);
                        assertEquals(2, result.attempt(), login);
                    } else {
                        assertEquals(1, job.attempts(), login);
                    }
                }
            }
        } finally {
            // The killed grader's runners are orphans now; they end by themselves, before the folder goes.
            for (ProcessHandle runner : runnersAtKill) {
                runner.onExit().get(60, TimeUnit.SECONDS);
            }
        }
    }

    static boolean isRunner(ProcessHandle process) {
        return process.isAlive() && process.info().commandLine().orElse("").contains(RUNNER_MAIN);
    }

    static void assertRightResult(Kind kind, RunRow run, String login) {
        String what = login + " (" + kind + "): " + run.verdict() + " " + run.rawPoints() + "/" + run.maxPoints()
                + " " + run.message();
        switch (kind) {
            case REFERENCE -> {
                assertEquals(Verdict.COMPLETED, run.verdict(), what);
                assertTrue(run.maxPoints() > 0 && run.rawPoints() == run.maxPoints(), "full points for " + what);
            }
            case TAKES_STALE_ANSWERS -> {
                assertEquals(Verdict.COMPLETED, run.verdict(), what);
                assertTrue(run.rawPoints() > 0 && run.rawPoints() < run.maxPoints(), "some points, not all: " + what);
            }
            case DOES_NOT_COMPILE -> {
                assertEquals(Verdict.COMPILE_ERROR, run.verdict(), what);
                assertEquals(0.0, run.rawPoints(), what);
            }
            case READS_THE_WALL_CLOCK -> {
                assertEquals(Verdict.API_VIOLATION, run.verdict(), what);
                assertEquals(0.0, run.rawPoints(), what);
            }
        }
    }

    static void handIn(Path handin, Kind kind) {
        try {
            Path from = REPO.resolve("reference-impl/src/main/java/faultline/labs/pingpong");
            Path to = Files.createDirectories(handin.resolve("faultline/labs/pingpong"));
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
            switch (kind) {
                case REFERENCE -> { }
                case DOES_NOT_COMPILE -> plant(to.resolve("PingServer.java"), s -> s.replaceFirst("\\{", "{ int broken = ;"));
                case TAKES_STALE_ANSWERS -> plant(to.resolve("PingClient.java"),
                        s -> s.replace("result == null && pong.sequence() == sequence)", "result == null)"));
                case READS_THE_WALL_CLOCK -> plant(to.resolve("PingServer.java"),
                        s -> s.replace("// A stateless echo server has nothing to set up.",
                                "long startedAt = System.currentTimeMillis();"));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void plant(Path file, UnaryOperator<String> bug) throws IOException {
        String fixed = Files.readString(file);
        String broken = bug.apply(fixed);
        assertFalse(broken.equals(fixed), "the reference changed shape; update the planted bug in " + file);
        Files.writeString(file, broken);
    }
}
