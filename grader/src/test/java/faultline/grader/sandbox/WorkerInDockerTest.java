package faultline.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Intake;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.store.RunRow;
import faultline.grader.store.StoreKind;
import faultline.runner.report.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code faultline worker} process with its own data folder grades a submission from the shared PostgreSQL
 * database for real, in Docker: the sources reach it through the database, the result comes back through it.
 * Lab 0's reference earns every point. Skipped without a Docker engine or a PostgreSQL server, unless required.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class WorkerInDockerTest {

    @TempDir
    Path dir;

    @Test
    void aWorkerOnItsOwnDataFolderGradesTheReferenceInDockerFromTheSharedDatabase() throws Exception {
        RunnerDistribution distribution = RunnerDistribution.fromBuild(SandboxFixtures.repoRoot());
        SandboxFixtures.dockerOrSkip(distribution, RunnerJvm.defaults()).close();
        String url = StoreKind.POSTGRESQL.freshUrl(dir);
        try (Grader dashboard = new Grader(new DataFolder(dir.resolve("dashboard")), CourseFile.defaultCourse(),
                Clock.systemUTC(), SuiteCatalog.of(Set.of("pingpong")), Optional.of(url))) {
            dashboard.users().ensureStudent("ann", "test");
            long id = dashboard.intake().submit("ann", "pingpong", reference(), Intake.Rules.STAFF).submissionId();

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process worker = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dfaultline.repoRoot=" + SandboxFixtures.repoRoot(), DockerWorker.class.getName(), "worker",
                    "--db", url, "--data", dir.resolve("worker-host").toString(), "--until-empty")
                    .redirectErrorStream(true).start();
            String output = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(worker.waitFor(8, TimeUnit.MINUTES), output);
            assertEquals(0, worker.exitValue(), output);

            RunRow run = dashboard.records().standingRun(id).orElseThrow(() -> new AssertionError(output));
            assertEquals(Verdict.COMPLETED, run.verdict(), run.message() + "\n" + run.log());
            assertEquals(Optional.of(SandboxKind.DOCKER.name()), run.sandboxKind());
            assertTrue(run.maxPoints() > 0 && run.rawPoints() == run.maxPoints(),
                    run.rawPoints() + " of " + run.maxPoints());
            assertTrue(Files.exists(dir.resolve("worker-host").resolve("store")), "the worker kept its own copy");
            assertTrue(run.worker().contains(":" + worker.pid() + ":"), run.worker());
        } finally {
            StoreKind.drop(url);
        }
    }

    /** Lab 0's reference, as the handout's upload packs it. */
    private Path reference() throws Exception {
        Path lab = SandboxFixtures.repoRoot().resolve("reference-impl/src/main/java/faultline/labs/pingpong");
        Path sources = dir.resolve("ann");
        Path target = Files.createDirectories(sources.resolve("faultline/labs/pingpong"));
        try (Stream<Path> files = Files.list(lab)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return sources;
    }
}
