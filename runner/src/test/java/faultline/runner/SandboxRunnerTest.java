package faultline.runner;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.runner.check.Concern;
import faultline.runner.report.Diagnostic;
import faultline.runner.report.ReportJson;
import faultline.runner.report.RunReport;
import faultline.runner.report.TestResult;
import faultline.runner.report.TestStatus;
import faultline.runner.report.Verdict;
import faultline.runner.suite.TestId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxRunnerTest {

    @TempDir
    static Path shared;
    private static Path suites;

    @TempDir
    Path out;

    @BeforeAll
    static void compileSuite() throws IOException {
        suites = Fixtures.compileSuite(Files.createDirectories(shared.resolve("suites")));
    }

    private RunReport run(String variant, Duration perTest, int outputCap) throws IOException {
        return run(variant, perTest, outputCap, List.of(7L, 8L), Optional.empty());
    }

    private RunReport run(String variant, Duration perTest, int outputCap, List<Long> seeds, Optional<TestId> only)
            throws IOException {
        RunnerArgs args = new RunnerArgs("echo", Fixtures.lab(variant), Fixtures.framework(), suites, seeds,
                perTest, out.resolve("out"), out.resolve("work"), outputCap, RunnerArgs.DEFAULT_REPLAY, only,
                Optional.empty());
        RunReport report = new SandboxRunner(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(args);
        // What the sandbox reads back is what the runner returned.
        assertEquals(report, new ReportJson().read(out.resolve("out").resolve(SandboxRunner.RESULTS)));
        assertFalse(Files.exists(out.resolve("out").resolve(SandboxRunner.PARTIAL_RESULTS)));
        return report;
    }

    private static List<TestResult> of(RunReport report, String method) {
        return report.tests().stream().filter(t -> t.method().equals(method)).toList();
    }

    @Test
    void aCorrectLabPassesEveryTestOnEverySeedWithItsAnnotations() throws IOException {
        RunReport report = run("good", Duration.ofSeconds(20), 4096);

        assertEquals(Verdict.COMPLETED, report.verdict(), report.message());
        assertEquals(4, report.tests().size(), "two seeds of echoes, settles, talks");
        assertTrue(report.tests().stream().allMatch(t -> t.status() == TestStatus.PASSED), report.tests()::toString);
        List<TestResult> echoes = of(report, "echoes");
        assertEquals(List.of(7L, 8L), echoes.stream().map(TestResult::seed).toList());
        TestResult first = echoes.get(0);
        assertAll(
                () -> assertEquals("EchoTest#echoes", first.id()),
                () -> assertEquals("faultline.suites.echo.EchoTest", first.className()),
                () -> assertEquals("seed=7", first.displayName()),
                () -> assertEquals(4, first.maxPoints()),
                () -> assertEquals("Echo returns exactly what it was given", first.description()),
                () -> assertEquals("UNRELIABLE", first.category()),
                () -> assertEquals("faultline replay --lab echo --test EchoTest#echoes --seed 7", first.replay()));
        TestResult talks = of(report, "talks").get(0);
        assertEquals("line 0\nline 1\nline 2\n", talks.output().replace("\r\n", "\n"));
        assertFalse(talks.outputTruncated());
        assertEquals("BASIC", talks.category());
        assertEquals("", of(report, "settles").get(0).output(), "each test's output is its own");
        assertTrue(report.phaseMillis().keySet().containsAll(List.of("compile", "check", "tests")));
    }

    @Test
    void aPublicTestIsGradedAndASubmissionsOwnCopyOfItIsLeftOut() throws IOException {
        Path withPublic = Fixtures.compileSuiteWithPublicTest(Files.createDirectories(out.resolve("public-suites")));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunnerArgs args = new RunnerArgs("echo", Fixtures.lab("shadowing"), Fixtures.framework(), withPublic,
                List.of(7L, 8L), Duration.ofSeconds(20), out.resolve("out"), out.resolve("work"), 4096,
                RunnerArgs.DEFAULT_REPLAY, Optional.empty(), Optional.empty());
        RunReport report = new SandboxRunner(new PrintStream(console, true, StandardCharsets.UTF_8)).run(args);

        assertEquals(Verdict.COMPLETED, report.verdict(), report.message());
        List<TestResult> basics = of(report, "echoesAWord");
        assertEquals(List.of(7L, 8L), basics.stream().map(TestResult::seed).toList(), report.tests()::toString);
        for (TestResult basic : basics) {
            assertEquals("faultline.labs.echo.EchoBasicsTest", basic.className());
            assertEquals(2, basic.maxPoints());
            // The course's test ran: the submission's always-passing copy would have earned the points.
            assertEquals(TestStatus.FAILED, basic.status(), basic.toString());
            assertTrue(basic.message().contains("word-" + basic.seed() + "!"), basic.message());
        }
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("EchoBasicsTest is one of the course's graded"
                + " tests: the submission's own class of that name was left out and the course's was graded."),
                console.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWrongAnswerFailsThatTestOnlyAndSaysWhy() throws IOException {
        RunReport report = run("wrong", Duration.ofSeconds(20), 4096);

        assertEquals(Verdict.COMPLETED, report.verdict());
        for (TestResult echo : of(report, "echoes")) {
            assertEquals(TestStatus.FAILED, echo.status());
            assertTrue(echo.message().contains("ping-" + echo.seed() + "!"), echo.message());
            assertTrue(echo.message().contains("seed:     " + echo.seed()), "the test kit explains the seed: " + echo.message());
        }
        assertEquals(TestStatus.PASSED, of(report, "settles").get(0).status());
    }

    @Test
    void aCompileErrorNamesFileAndLineAndRunsNothing() throws IOException {
        RunReport report = run("broken", Duration.ofSeconds(20), 4096);

        assertEquals(Verdict.COMPILE_ERROR, report.verdict());
        assertTrue(report.tests().isEmpty());
        Diagnostic d = report.diagnostics().get(0);
        assertEquals("faultline/labs/echo/Echo.java", d.file().replace('\\', '/'));
        assertEquals(5, d.line());
        assertTrue(d.message().contains("';' expected"), d.message());
    }

    private static final Pattern EXPECT = Pattern.compile("// expect: ([A-Z_]+)( \\(no line)?");

    /** Every line marked "// expect: CONCERN" in the fixture is reported with that concern; nothing else is. */
    @Test
    void everyForbiddenUseIsReportedWithFileLineAndItsReason() throws IOException {
        RunReport report = run("violations", Duration.ofSeconds(20), 4096);

        assertEquals(Verdict.API_VIOLATION, report.verdict());
        assertTrue(report.tests().isEmpty(), "no test runs after a violation");
        Path root = Fixtures.lab("violations");
        List<String> expected = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = EXPECT.matcher(lines.get(i));
                    if (m.find()) {
                        int line = m.group(2) == null ? i + 1 : 0;
                        expected.add(root.relativize(file).toString().replace('\\', '/') + ":" + line + ":"
                                + m.group(1));
                    }
                }
            }
        }
        assertTrue(expected.size() >= 25, "the fixture marks its violations");
        for (String e : expected) {
            String[] parts = e.split(":");
            Concern concern = Concern.valueOf(parts[2]);
            String lead = concern.sentence("", "").substring(0, concern.sentence("", "").indexOf(':'));
            assertTrue(report.diagnostics().stream().anyMatch(d -> d.file().replace('\\', '/').equals(parts[0])
                            && d.line() == Integer.parseInt(parts[1]) && d.message().startsWith(lead)),
                    "expected " + e + " among\n" + String.join("\n", report.diagnostics().stream().map(Diagnostic::toString).toList()));
        }
        for (Diagnostic d : report.diagnostics()) {
            String name = d.file().substring(d.file().lastIndexOf('/') + 1);
            assertTrue(d.line() == 0 || expected.stream().anyMatch(e -> e.startsWith(d.file() + ":" + d.line() + ":")),
                    "reported a line the fixture does not mark: " + d);
            assertTrue(d.line() == 0 || d.message().contains("(" + name + ":" + d.line() + ")"), d.message());
        }
        assertTrue(report.diagnostics().stream().anyMatch(d -> d.message().equals(
                "Lab code may not start threads or use concurrency: new java.lang.Thread (Threads.java:8). "
                        + "Use timers instead: a node runs on one thread.")));
    }

    @Test
    void aTestThatNeverEndsTimesOutAndTheRestStillRun() throws IOException {
        RunReport report = run("loop", Duration.ofMillis(1500), 4096);

        assertEquals(Verdict.COMPLETED, report.verdict());
        TestResult settles = of(report, "settles").get(0);
        assertEquals(TestStatus.TIMED_OUT, settles.status());
        assertTrue(settles.message().startsWith("The test did not finish within 1500 ms and was stopped."),
                settles.message());
        assertFalse(settles.message().contains("could not be stopped"), "Thread.stop ends a spinning handler on 17");
        assertEquals(3, report.tests().stream().filter(t -> t.status() == TestStatus.PASSED).count());
    }

    @Test
    void aFloodOfOutputIsCutWithAVisibleMarker() throws IOException {
        RunReport report = run("flood", Duration.ofSeconds(20), 1000);

        TestResult talks = of(report, "talks").get(0);
        assertEquals(TestStatus.PASSED, talks.status());
        assertTrue(talks.outputTruncated());
        assertTrue(talks.output().startsWith("line 0\n"));
        assertTrue(talks.output().contains("[output truncated: "), talks.output());
        assertTrue(talks.output().length() < 1200, "kept about the cap, not the flood");
    }

    /** What a failure's replay hint names (simple class name, one seed) runs that test alone, on that seed alone. */
    @Test
    void onlyRunsTheTestTheReplayHintNamesOnItsSeed() throws IOException {
        String hint = "faultline replay --lab echo --test EchoTest#echoes --seed 8";
        Matcher named = Pattern.compile("--test (\\S+) --seed (\\d+)").matcher(hint);
        assertTrue(named.find());

        RunReport report = run("wrong", Duration.ofSeconds(20), 4096, List.of(Long.parseLong(named.group(2))),
                Optional.of(TestId.parse(named.group(1))));

        assertEquals(Verdict.COMPLETED, report.verdict(), report.message());
        assertEquals(1, report.tests().size(), report.tests()::toString);
        TestResult only = report.tests().get(0);
        assertEquals("EchoTest#echoes", only.id());
        assertEquals(8L, only.seed());
        assertEquals(TestStatus.FAILED, only.status());
        assertEquals(hint, only.replay(), "the replay of a replay is the same command");
        assertTrue(only.message().contains("seed:     8"), only.message());
        assertTrue(only.message().contains("replay:   " + hint), only.message());
    }

    @Test
    void onlyAlsoTakesTheFullyQualifiedClassName() throws IOException {
        RunReport report = run("good", Duration.ofSeconds(20), 4096, List.of(3L),
                Optional.of(TestId.parse("faultline.suites.echo.EchoTest#talks")));

        assertEquals(List.of("EchoTest#talks"), report.tests().stream().map(TestResult::id).toList());
        assertEquals(TestStatus.PASSED, report.tests().get(0).status());
    }

    @Test
    void anUnknownTestIsRefusedWithTheSuitesTestsAndRunsNothing() throws IOException {
        RunReport report = run("good", Duration.ofSeconds(20), 4096, List.of(3L),
                Optional.of(TestId.parse("EchoTest#echoe")));

        assertEquals(Verdict.NO_SUCH_TEST, report.verdict());
        assertTrue(report.tests().isEmpty(), report.tests()::toString);
        assertEquals("Lab echo has no test EchoTest#echoe. Its tests are: EchoTest#echoes, EchoTest#settles, "
                + "EchoTest#talks. Name one of them as Class#method, as the replay hint prints it.", report.message());
    }

    @Test
    void onlyMustNameClassAndMethod() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunnerArgs.parse(new String[]{
                "--lab", "echo", "--sources", "s", "--framework", "f", "--suites", "x", "--out", "o",
                "--only", "echoes"}));
        assertTrue(e.getMessage().contains("Give it as Class#method"), e.getMessage());
        RunnerArgs args = RunnerArgs.parse(new String[]{"--lab", "echo", "--sources", "s", "--framework", "f",
                "--suites", "x", "--out", "o", "--only", "EchoTest#echoes"});
        assertEquals(Optional.of(new TestId("EchoTest", "echoes")), args.only());
    }

    @Test
    void theDeadlineIsInSecondsAndOnlyWhenGiven() {
        String[] base = {"--lab", "echo", "--sources", "s", "--framework", "f", "--suites", "x", "--out", "o"};
        assertEquals(Optional.empty(), RunnerArgs.parse(base).deadline(), "no deadline, no watchdog (runs by hand)");
        String[] withDeadline = Stream.concat(Stream.of(base), Stream.of("--deadline", "1.5")).toArray(String[]::new);
        assertEquals(Optional.of(Duration.ofMillis(1500)), RunnerArgs.parse(withDeadline).deadline());
    }
}
