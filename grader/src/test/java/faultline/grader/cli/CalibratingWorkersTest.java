package faultline.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.queue.WorkerIdentity;
import faultline.grader.store.CalibrationRow;
import faultline.grader.store.GradingJob;
import faultline.grader.store.JobDao;
import faultline.grader.store.JobState;
import faultline.grader.store.RunDao;
import faultline.grader.store.RunRow;
import faultline.grader.store.StoreKind;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.WorkerLine;
import faultline.runner.report.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three worker processes (the real worker command, {@link SlowFakeWorker}'s sandbox) calibrate pbkv's reference on
 * one PostgreSQL database before they lease. One host's sandbox is 40 times slower than the others': its reference
 * run takes it out of rotation, the queue page's roster says why, and it grades none of the 30 submissions queued
 * afterwards; the other two grade them all, each exactly once, nobody charged twice.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CalibratingWorkersTest {

    private static final int SUBMISSIONS = 30;

    @TempDir
    Path dir;

    @Test
    void aWorkerFarSlowerThanItsPeersIsOutOfRotationAndGradesNothing() throws Exception {
        String url = StoreKind.POSTGRESQL.freshUrl(dir);
        List<Process> workers = new ArrayList<>();
        try (Grader dashboard = new Grader(new DataFolder(dir.resolve("dashboard")), CourseFile.defaultCourse(),
                Clock.systemUTC(), SuiteCatalog.of(Set.of("pbkv")), Optional.of(url))) {
            workers.add(start(url, dir.resolve("fast1"), 100));
            workers.add(start(url, dir.resolve("fast2"), 100));
            await(() -> dashboard.calibrations().all().size() == 2, "the fast workers calibrate", dashboard);
            Process slow = start(url, dir.resolve("slow"), 4000);
            workers.add(slow);
            await(() -> dashboard.calibrations().all().size() == 3, "the slow worker calibrates", dashboard);

            List<CalibrationRow> calibrations = dashboard.calibrations().all();
            assertTrue(calibrations.stream().allMatch(c -> c.verdict() == Verdict.COMPLETED
                    && c.lab().equals("pbkv") && c.suiteDigest().equals("fake-suite-1")), calibrations.toString());
            List<WorkerLine> roster = dashboard.records().queue(10, 10).workers();
            assertEquals(3, roster.size(), roster.toString());
            WorkerLine out = roster.stream().filter(w -> w.pid() == slow.pid()).findFirst().orElseThrow();
            String reason = out.outOfRotation().orElseThrow(() -> new AssertionError("the slow worker is still in "
                    + "rotation: " + calibrations));
            assertTrue(reason.contains("its reference run of pbkv took") && reason.contains("more than 3 times the")
                    && reason.contains("median of 2 other workers"), reason);
            assertTrue(roster.stream().filter(w -> w.pid() != slow.pid()).allMatch(w -> w.outOfRotation().isEmpty()));

            SlowFakeWorker.queueSubmissions(dashboard, dir.resolve("handins"), SUBMISSIONS);
            await(() -> dashboard.db().read(h -> h.attach(JobDao.class).all()).stream()
                    .allMatch(j -> j.state() == JobState.DONE || j.state() == JobState.FAILED), "every job ends",
                    dashboard);

            List<Submission> submissions = dashboard.db().read(h -> h.attach(SubmissionDao.class).ofLab("pbkv"));
            assertEquals(SUBMISSIONS, submissions.size());
            for (Submission s : submissions) {
                List<GradingJob> jobs = dashboard.db().read(h -> h.attach(JobDao.class).ofSubmission(s.id()));
                assertEquals(1, jobs.size());
                assertEquals(JobState.DONE, jobs.get(0).state());
                assertEquals(1, jobs.get(0).attempts(), "graded on the first attempt, never leased by the slow one");
                List<RunRow> runs = dashboard.db().read(h -> h.attach(RunDao.class).ofJob(jobs.get(0).id()));
                assertEquals(1, runs.size(), runs.toString());
                assertTrue(runs.get(0).isFinal() && runs.get(0).verdict() == Verdict.COMPLETED);
                assertEquals(Optional.of("fake-suite-1"), runs.get(0).suiteDigest());
                long pid = WorkerIdentity.parse(runs.get(0).worker()).orElseThrow().pid();
                assertTrue(pid != slow.pid(), "the worker out of rotation graded submission " + s.id());
                assertEquals(1, (int) dashboard.db().read(h -> h.attach(SubmissionDao.class)
                        .countCharged(s.userId(), "pbkv")), "one submission charged once");
            }
            List<WorkerLine> after = dashboard.records().queue(10, 10).workers();
            assertEquals(0, after.stream().filter(w -> w.pid() == slow.pid()).mapToInt(WorkerLine::runs).sum());
            assertEquals(SUBMISSIONS, after.stream().mapToInt(WorkerLine::runs).sum());
            assertTrue(after.stream().filter(w -> w.pid() != slow.pid()).allMatch(w -> w.runs() > 0),
                    "both workers in rotation graded: " + after);
            assertTrue(dashboard.records().auditLog().stream().anyMatch(e -> e.action().equals("worker out of rotation")
                    && e.subject().equals("worker " + out.name())));
            // Calibration runs are not submissions: three calibrations, thirty submissions, thirty runs.
            assertEquals(SUBMISSIONS, (int) dashboard.db().read(h -> h.createQuery("SELECT COUNT(*) FROM runs")
                    .mapTo(Integer.class).one()));
        } finally {
            workers.forEach(Process::destroyForcibly);
            for (Process p : workers) {
                p.waitFor(30, TimeUnit.SECONDS);
            }
            StoreKind.drop(url);
        }
    }

    private static void await(BooleanSupplier done, String what, Grader dashboard) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("Waited 2 minutes for: " + what + "; calibrations " + dashboard.calibrations().all());
    }

    private Process start(String url, Path data, long millis) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dfaultline.fakeMillis=" + millis, "-Dfaultline.calibrate=true",
                "-cp", System.getProperty("java.class.path"), SlowFakeWorker.class.getName(), "worker", "--db", url,
                "--data", data.toString(), "--workers", "1");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(data.getFileName() + ".log").toFile());
        return pb.start();
    }
}
