package faultline.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.queue.QueueEvents;
import faultline.grader.queue.WorkerPool;
import faultline.grader.store.AuditEntry;
import faultline.grader.store.AuditLog;
import faultline.grader.store.GradingJob;
import faultline.grader.store.JobDao;
import faultline.grader.store.JobState;
import faultline.grader.store.SubmissionDao;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real processes on one data folder: a grader holding a job is killed with SIGKILL while another is already
 * serving. The one still running takes the job up by itself, without a restart and without waiting out the
 * lease (the holder's process is seen gone on this host), grades it once more, audits the reclaim and charges
 * the student nothing for it.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KilledHolderTest {

    @TempDir
    Path dir;

    @Test
    void aServingPoolTakesUpTheJobOfAGraderKilledBesideIt() throws Exception {
        Path handins = Files.createDirectories(dir.resolve("handins"));
        CrashRecoveryTest.handIn(handins.resolve("s1"), CrashRecoveryTest.Kind.REFERENCE);
        Path data = dir.resolve("data");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StuckGrader.class.getName(), "batch", "--workers", "1", "--no-progress", "pingpong", handins.toString());
        pb.environment().put("FAULTLINE_DATA", data.toString());
        pb.redirectErrorStream(true);
        Process holder = pb.start();
        List<String> seen = new ArrayList<>();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null && !line.startsWith("GRADING"); ) {
                seen.add(line);
            }
            assertTrue(holder.isAlive(), "the holder is grading: " + seen);

            try (Grader grader = new Grader(new DataFolder(data), CourseFile.defaultCourse(), Clock.systemUTC(),
                    SuiteCatalog.of(Set.of("pingpong")))) {
                GradingJob held = grader.db().read(h -> h.attach(JobDao.class).all()).get(0);
                assertEquals(JobState.RUNNING, held.state());
                assertTrue(held.leaseOwner().orElseThrow().contains(":" + holder.pid() + ":"), held.toString());

                WorkerPool pool = grader.workers(1, FakeSandbox.factory(), QueueEvents.none());
                AtomicBoolean stop = new AtomicBoolean();
                Thread serving = new Thread(() -> pool.serve(stop::get, Duration.ofMillis(100)), "test-pool");
                serving.start();
                try {
                    assertEquals(JobState.RUNNING, job(grader, held.id()).state(), "a live holder keeps its job");
                    holder.destroyForcibly();
                    assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
                    assertEquals(137, holder.exitValue(), "killed by SIGKILL");
                    while (job(grader, held.id()).state() != JobState.DONE) {
                        TimeUnit.MILLISECONDS.sleep(100);
                    }
                } finally {
                    stop.set(true);
                    serving.join();
                }
                GradingJob done = job(grader, held.id());
                assertEquals(2, done.attempts(), "the killed attempt, then this one");
                List<AuditEntry> reclaims = grader.db().read(h -> h.attach(AuditLog.class).all()).stream()
                        .filter(a -> a.action().equals("lease reclaimed")).toList();
                assertEquals(1, reclaims.size(), reclaims.toString());
                assertTrue(reclaims.get(0).detail().contains("holder process ended"), reclaims.get(0).detail());
                long user = grader.db().read(h -> h.attach(SubmissionDao.class).byId(held.submissionId()))
                        .orElseThrow().userId();
                int charged = grader.db().read(h -> h.attach(SubmissionDao.class).countCharged(user, "pingpong"));
                assertEquals(1, charged, "one submission, charged once");
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    private static GradingJob job(Grader grader, long id) {
        return grader.db().read(h -> h.attach(JobDao.class).byId(id)).orElseThrow();
    }
}
