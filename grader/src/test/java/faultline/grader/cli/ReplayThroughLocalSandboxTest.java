package faultline.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Intake;
import faultline.grader.grading.SandboxFactory;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.sandbox.LocalSandbox;
import faultline.grader.sandbox.RunnerDistribution;
import faultline.grader.sandbox.RunnerJvm;
import faultline.grader.sandbox.Sandbox;
import faultline.grader.store.Artifact;
import faultline.grader.store.ArtifactKind;
import faultline.grader.store.Database;
import faultline.grader.store.RunDao;
import faultline.grader.store.RunRow;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.TestResultRow;
import faultline.grader.users.Users;
import faultline.runner.report.TestStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline replay} end to end: the real runner in a local process, the real pingpong suite. */
class ReplayThroughLocalSandboxTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final String HINT = "--lab pingpong --test PingPongSuite#retriesThroughLoss --seed 2";
    static RunnerDistribution distribution;

    @TempDir
    Path dir;
    String out;

    @BeforeAll
    static void findTheBuild() throws Exception {
        distribution = RunnerDistribution.fromBuild(REPO);
    }

    int faultline(String... args) {
        SandboxFactory local = new SandboxFactory() {
            @Override
            public Sandbox open() {
                return new LocalSandbox(distribution, RunnerJvm.defaults());
            }

            @Override
            public String describe() {
                return "a local process";
            }
        };
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Cli.builder(new PrintWriter(o), new PrintWriter(e))
                .env(Map.of("FAULTLINE_DATA", dir.resolve("data").toString()))
                .sandboxes(local)
                .suites(SuiteCatalog.inJar(distribution.suites()))
                .build().execute(args);
        out = o + "\n" + e;
        return code;
    }

    /** The replay hint's own words, then the sources and where the trace goes. */
    int replay(String hint, String... more) {
        List<String> args = new ArrayList<>(List.of("replay"));
        args.addAll(List.of(hint.split(" ")));
        args.addAll(List.of(more));
        return faultline(args.toArray(String[]::new));
    }

    Path pingpong(String name, boolean resends) throws Exception {
        Path from = REPO.resolve("reference-impl/src/main/java/faultline/labs/pingpong");
        Path to = Files.createDirectories(dir.resolve(name).resolve("faultline/labs/pingpong"));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        if (!resends) {
            // The classic Lab 0 bug: a client that never asks again loses every echo whose ping or pong is dropped.
            Path client = to.resolve("PingClient.java");
            String fixed = Files.readString(client);
            String broken = fixed.replace("private void onRetry(RetryTimer timer) {",
                    "private void onRetry(RetryTimer timer) {\n        if (true) {\n            return;\n        }");
            assertFalse(broken.equals(fixed), "the reference client changed shape; update the planted bug");
            Files.writeString(client, broken);
        }
        return dir.resolve(name);
    }

    /** A client that takes any answer for the current request: it fails the stale-answer test, and fast. */
    Path pingpongTakingStaleAnswers() throws Exception {
        Path handin = pingpong("stale", true);
        Path client = handin.resolve("faultline/labs/pingpong/PingClient.java");
        String fixed = Files.readString(client);
        String broken = fixed.replace("result == null && pong.sequence() == sequence)", "result == null)");
        assertFalse(broken.equals(fixed), "the reference client changed shape; update the planted bug");
        Files.writeString(client, broken);
        return handin;
    }

    static String digestOf(Path trace) throws Exception {
        return new ObjectMapper().readTree(trace.toFile()).path("digest").asText();
    }

    Path tracePrinted() {
        Matcher m = Pattern.compile("Trace: (\\S+\\.json)").matcher(out);
        assertTrue(m.find(), out);
        return Path.of(m.group(1));
    }

    @Test
    void aFailureReplaysWithItsSeedScenarioAndTraceAndTheSameTraceEveryTime() throws Exception {
        Path broken = pingpong("broken", false);

        assertEquals(ExitCode.TESTS_FAILED.code(),
                replay(HINT, broken.toString(), "--out", dir.resolve("first").toString()), out);
        assertTrue(out.contains("Ran in a local process (not isolated) sandbox"), "says which sandbox: " + out);
        assertTrue(out.contains("PingPongSuite#retriesThroughLoss, seed 2: FAILED"), out);
        assertTrue(out.contains("seed:     2"), out);
        assertTrue(out.contains("scenario: \"half of all messages lost\": at 0ms drop 50% on all links"), out);
        assertTrue(out.contains("replay:   faultline replay " + HINT), "the message's own replay line: " + out);
        Path first = tracePrinted();
        assertEquals(dir.resolve("first").resolve("PingPongSuite.retriesThroughLoss.seed-2.json"), first);
        assertTrue(Files.isRegularFile(first), out);
        String digest = digestOf(first);
        assertTrue(digest.matches("[0-9a-f]{64}"), digest);

        assertEquals(ExitCode.TESTS_FAILED.code(),
                replay(HINT, broken.toString(), "--out", dir.resolve("second").toString()), out);
        assertEquals(digest, digestOf(tracePrinted()), "the same replay must produce the same run, byte for byte");
    }

    /** The hint a graded run stores names the submission, so a TA pastes it as printed and gets the same run. */
    @Test
    void aGradedFailuresStoredReplayHintRunsAsPrintedAndGivesTheSameTrace() throws Exception {
        // Not the client that never resends: its run over TCP waits out a 10 s budget on every seed.
        assertEquals(ExitCode.TESTS_FAILED.code(), faultline("grade", "pingpong", pingpongTakingStaleAnswers().toString()),
                out);
        DataFolder data = new DataFolder(dir.resolve("data"));
        Submission graded;
        TestResultRow failed;
        Path storedTrace;
        try (Database db = Database.open(data.database())) {
            graded = db.read(h -> h.attach(SubmissionDao.class).ofLab("pingpong")).get(0);
            RunRow run = db.read(h -> h.attach(RunDao.class).standing(graded.id())).orElseThrow();
            failed = db.read(h -> h.attach(RunDao.class).results(run.id())).stream()
                    // A simulated test: the one over real TCP is not a pure function of its seed.
                    .filter(r -> r.method().equals("ignoresStaleAndDuplicateAnswers"))
                    .filter(r -> r.status() == TestStatus.FAILED && r.traceFile().isPresent()).findFirst()
                    .orElseThrow(() -> new AssertionError("no failing test with a trace in run " + run));
            String traceName = Path.of(failed.traceFile().get()).getFileName().toString();
            storedTrace = db.read(h -> h.attach(RunDao.class).artifacts(run.id())).stream()
                    .filter(a -> a.kind() == ArtifactKind.TRACE && a.path().endsWith(traceName))
                    .map(Artifact::path).map(data.root()::resolve).findFirst().orElseThrow(() -> new AssertionError(
                            "no stored trace " + traceName + " among " + db.read(h -> h.attach(RunDao.class)
                                    .artifacts(run.id()))));
        }
        String hint = failed.replay();
        assertEquals("faultline replay --lab pingpong --test " + failed.testId() + " --seed " + failed.seed()
                + " --submission " + graded.id(), hint);
        assertTrue(failed.message().contains("replay:   " + hint), "the failure message prints the same hint: "
                + failed.message());

        List<String> asPrinted = new ArrayList<>(List.of(hint.substring("faultline ".length()).split(" ")));
        asPrinted.addAll(List.of("--out", dir.resolve("replayed").toString()));
        assertEquals(ExitCode.TESTS_FAILED.code(), faultline(asPrinted.toArray(String[]::new)), out);
        assertTrue(out.contains("replay:   " + hint), "the replay prints the hint it was run from: " + out);
        assertEquals(digestOf(storedTrace), digestOf(tracePrinted()), "the replay is the graded run, byte for byte");
    }

    @Test
    void aStoredSubmissionReplaysWithoutAnyJobRunOrScore() throws Exception {
        DataFolder data = new DataFolder(dir.resolve("data"));
        long id;
        try (Grader grader = new Grader(data, CourseFile.defaultCourse(), Clock.systemUTC(),
                SuiteCatalog.inJar(distribution.suites()))) {
            new Users(grader.db(), grader.clock()).ensureStudent("ann", "test");
            id = grader.intake().submit("ann", "pingpong", pingpong("reference", true), Intake.Rules.STAFF)
                    .submissionId();
        }
        String before = counts(data);

        assertEquals(ExitCode.OK.code(),
                replay(HINT, "--submission", String.valueOf(id), "--out", dir.toString()), out);
        assertTrue(out.contains("PingPongSuite#retriesThroughLoss, seed 2: PASSED"), out);
        assertEquals(before, counts(data), "a replay writes nothing to the database");
        assertEquals("submissions=1 jobs=1 runs=0 results=0 scores=0", before);
    }

    @Test
    void anUnknownTestIsRefusedWithTheLabsTests() throws Exception {
        int code = replay("--lab pingpong --test PingPongSuite#retriesThroughLos --seed 2",
                pingpong("reference", true).toString());

        assertEquals(ExitCode.SUBMISSION_ERROR.code(), code, out);
        assertTrue(out.contains("Lab pingpong has no test PingPongSuite#retriesThroughLos. Its tests are: "
                + "PingPongSuite#echoesComeFromTheServer, PingPongSuite#echoesOnReliableNetwork, "), out);
        assertTrue(out.contains("PingPongSuite#retriesThroughLoss, "), out);
    }

    @Test
    void replayNeedsExactlyOneSourceAndATestNamedClassHashMethod() throws Exception {
        assertEquals(ExitCode.SUBMISSION_ERROR.code(), replay(HINT), out);
        assertTrue(out.contains("Say which sources to replay against"), out);
        assertEquals(ExitCode.SUBMISSION_ERROR.code(),
                replay("--lab pingpong --test retriesThroughLoss --seed 2", dir.toString()), out);
        assertTrue(out.contains("Give it as Class#method"), out);
        assertEquals(ExitCode.SUBMISSION_ERROR.code(), replay(HINT, "--submission", "7"), out);
        assertTrue(out.contains("There is no Faultline database in"), out);
    }

    static String counts(DataFolder data) {
        try (Database db = Database.open(data.database())) {
            return db.read(h -> String.format("submissions=%d jobs=%d runs=%d results=%d scores=%d",
                    count(h, "submissions"), count(h, "grading_jobs"), count(h, "runs"), count(h, "test_results"),
                    count(h, "scores")));
        }
    }

    static int count(org.jdbi.v3.core.Handle h, String table) {
        return h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one();
    }
}
