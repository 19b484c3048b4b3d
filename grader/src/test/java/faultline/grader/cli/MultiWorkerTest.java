package faultline.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.queue.WorkerIdentity;
import faultline.grader.store.Artifact;
import faultline.grader.store.ArtifactKind;
import faultline.grader.store.AuditEntry;
import faultline.grader.store.GradingJob;
import faultline.grader.store.JobDao;
import faultline.grader.store.JobState;
import faultline.grader.store.RunDao;
import faultline.grader.store.RunRow;
import faultline.grader.store.StoreKind;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.WorkerDao;
import faultline.grader.store.WorkerLine;
import faultline.runner.report.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three worker processes (separate JVMs, each with its own data folder, as on separate hosts) grade 60 queued
 * submissions from one PostgreSQL database; one is SIGKILLed while it grades. Every submission must end with
 * exactly one final result, none charged for the kill, the killed attempts taken up again by the others, and the
 * audit log must say so. The sandbox is {@link SlowFakeWorker}'s stand-in (300 ms a job); a worker grading for
 * real in Docker is {@code faultline.grader.sandbox.WorkerInDockerTest}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MultiWorkerTest {

    private static final int SUBMISSIONS = 60;

    @TempDir
    Path dir;

    @Test
    void threeWorkersOneKilledGradeEverySubmissionExactlyOnceWithNothingCharged() throws Exception {
        String url = StoreKind.POSTGRESQL.freshUrl(dir);
        List<Process> workers = new ArrayList<>();
        try (Grader dashboard = new Grader(new DataFolder(dir.resolve("dashboard")), CourseFile.defaultCourse(),
                Clock.systemUTC(), SuiteCatalog.of(Set.of("pbkv")), Optional.of(url))) {
            SlowFakeWorker.queueSubmissions(dashboard, dir.resolve("handins"), SUBMISSIONS);

            for (int w = 1; w <= 3; w++) {
                // The victim's output is read to time the kill; the others' goes to files, so no pipe fills up.
                workers.add(start(url, dir.resolve("host" + w), w == 1 ? Optional.empty()
                        : Optional.of(dir.resolve("host" + w + ".log"))));
            }
            Process victim = workers.get(0);
            List<String> seen = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(victim.getInputStream(),
                    StandardCharsets.UTF_8))) {
                int started = 0;
                for (String line; (line = lines.readLine()) != null; ) {
                    seen.add(line);
                    // A job has just started and takes 300 ms: the kill lands while it is graded.
                    if (line.startsWith("GRADING") && ++started == 3) {
                        victim.destroyForcibly();
                        break;
                    }
                }
            }
            assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, victim.exitValue(), "killed by SIGKILL; output: " + seen);
            long victimPid = victim.pid();
            List<Long> killed = dashboard.db().read(h -> h.attach(JobDao.class).all()).stream()
                    .filter(j -> j.state() == JobState.RUNNING && j.leaseOwner()
                            .flatMap(WorkerIdentity::parse).map(o -> o.pid() == victimPid).orElse(false))
                    .map(GradingJob::id).toList();
            assertFalse(killed.isEmpty(), "the kill must land while the victim holds a job");

            awaitAllDone(dashboard);

            List<Submission> submissions = dashboard.db().read(h -> h.attach(SubmissionDao.class).ofLab("pbkv"));
            assertEquals(SUBMISSIONS, submissions.size());
            Set<Long> graders = new TreeSet<>();
            for (Submission s : submissions) {
                List<GradingJob> jobs = dashboard.db().read(h -> h.attach(JobDao.class).ofSubmission(s.id()));
                assertEquals(1, jobs.size());
                GradingJob job = jobs.get(0);
                assertEquals(JobState.DONE, job.state());
                List<RunRow> runs = dashboard.db().read(h -> h.attach(RunDao.class).ofJob(job.id()));
                List<RunRow> finals = runs.stream().filter(RunRow::isFinal).toList();
                assertEquals(1, finals.size(), "exactly one final result for submission " + s.id() + ": " + runs);
                assertEquals(Verdict.COMPLETED, finals.get(0).verdict());
                assertEquals(job.finalRunId(), Optional.of(finals.get(0).id()));
                assertEquals(1, (int) dashboard.db().read(h -> h.attach(SubmissionDao.class)
                        .countCharged(s.userId(), "pbkv")), "one submission charged once");
                // The run's results file is on the worker's host; the dashboard reads it through the database.
                Artifact results = dashboard.records().artifacts(finals.get(0).id()).stream()
                        .filter(a -> a.kind() == ArtifactKind.RESULTS).findFirst().orElseThrow();
                assertFalse(Files.exists(dir.resolve("dashboard").resolve(results.path())));
                assertEquals("{}", new String(dashboard.records().artifactContent(results).orElseThrow(),
                        StandardCharsets.UTF_8));
                long pid = WorkerIdentity.parse(finals.get(0).worker()).orElseThrow().pid();
                assertTrue(pid != victimPid || !killed.contains(job.id()), "a killed job was finished by another");
                graders.add(pid);
                if (killed.contains(job.id())) {
                    assertEquals(2, job.attempts(), "the killed attempt was taken up once more");
                    assertEquals(1, runs.size(), "the killed attempt left no run: " + runs);
                }
            }
            assertTrue(graders.size() >= 2, "the survivors shared the work: " + graders);

            List<AuditEntry> audit = dashboard.records().auditLog();
            assertEquals(SUBMISSIONS, count(audit, "submit"));
            assertEquals(SUBMISSIONS, count(audit, "graded"), "one 'graded' per final result");
            List<AuditEntry> reclaimed = audit.stream().filter(e -> e.action().equals("lease reclaimed")).toList();
            assertEquals(killed.size(), reclaimed.size(), reclaimed.toString());
            for (AuditEntry e : reclaimed) {
                assertTrue(e.detail().contains("holder process ended") && e.detail().contains("not charged"),
                        e.detail());
                assertTrue(killed.stream().anyMatch(j -> e.detail().contains("job=" + j + " ")), e.detail());
            }

            // Every worker announced itself; the killed one never said it stopped.
            List<WorkerLine> roster = dashboard.db().read(h -> h.attach(WorkerDao.class)
                    .roster(Instant.EPOCH, Instant.EPOCH));
            Set<Long> pids = roster.stream().map(WorkerLine::pid).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(workers.stream().map(Process::pid).collect(Collectors.toCollection(TreeSet::new)), pids);
            assertTrue(roster.stream().filter(w -> w.pid() == victimPid).allMatch(w -> w.stoppedAt().isEmpty()));
            assertEquals(SUBMISSIONS, roster.stream().filter(w -> w.pid() != victimPid).mapToInt(WorkerLine::runs)
                    .sum() + roster.stream().filter(w -> w.pid() == victimPid).mapToInt(WorkerLine::runs).sum(),
                    "each final run is a worker's");
        } finally {
            workers.forEach(Process::destroyForcibly);
            for (Process p : workers) {
                p.waitFor(30, TimeUnit.SECONDS);
            }
            StoreKind.drop(url);
        }
    }

    private static long count(List<AuditEntry> audit, String action) {
        return audit.stream().filter(e -> e.action().equals(action)).count();
    }

    private static void awaitAllDone(Grader dashboard) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            List<GradingJob> jobs = dashboard.db().read(h -> h.attach(JobDao.class).all());
            if (jobs.stream().allMatch(j -> j.state() == JobState.DONE || j.state() == JobState.FAILED)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError("Not every job was graded within 3 minutes: " + dashboard.db()
                .read(h -> h.attach(JobDao.class).all()));
    }

    private static Process start(String url, Path data, Optional<Path> log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowFakeWorker.class.getName(), "worker", "--db", url, "--data", data.toString(), "--workers", "2");
        pb.redirectErrorStream(true);
        log.ifPresent(file -> pb.redirectOutput(file.toFile()));
        return pb.start();
    }
}
