package faultline.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.runner.report.Diagnostic;
import faultline.runner.report.RunReport;
import faultline.runner.report.TestResult;
import faultline.runner.report.TestStatus;
import faultline.runner.report.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile corpus, each a separate submission, through one kind of sandbox. Every one gets its own
 * clear verdict or status, and a good submission graded right after still gets its full result.
 */
abstract class HostileCorpusContract {

    static final SandboxLimits LIMITS = new SandboxLimits(384L << 20, 1.0, 128, Duration.ofSeconds(60),
            Duration.ofSeconds(2), 8L << 10, 64L << 20);

    @TempDir
    Path artifacts;
    private int runs;

    abstract Sandbox sandbox();

    SandboxOutcome grade(String submission, SandboxLimits limits) throws Exception {
        SandboxRequest request = new SandboxRequest("echo", SandboxFixtures.submission(submission), List.of(1L, 2L),
                limits, artifacts.resolve(submission + "-" + runs++));
        SandboxOutcome outcome = sandbox().grade(request);
        assertEquals(sandbox().kind(), outcome.kind());
        assertTrue(Files.exists(outcome.fullLog()), "the full log is kept for staff");
        return outcome;
    }

    /**
     * The good submission: every test passes on every seed, 4 + 4 + 2 + 1 points. None of its tests ever waits for
     * a timeout, so it gets a roomy one: a loaded machine may take seconds to load the simulator cold, and a good
     * submission must not lose marks for that.
     */
    void assertFullMarks() throws Exception {
        SandboxLimits roomy = new SandboxLimits(LIMITS.memoryBytes(), 1.0, 128, LIMITS.wallClock(),
                Duration.ofSeconds(20), LIMITS.outputBytes(), LIMITS.tmpfsBytes());
        SandboxOutcome outcome = grade("good", roomy);
        assertEquals(Verdict.COMPLETED, outcome.verdict(), outcome.message() + "\n" + outcome.log());
        RunReport report = outcome.report().orElseThrow();
        assertEquals(4, report.tests().size());
        assertTrue(report.tests().stream().allMatch(t -> t.status() == TestStatus.PASSED), report.tests()::toString);
        assertEquals(11, report.tests().stream().mapToInt(t -> t.maxPoints()).sum());
    }

    private static TestResult test(SandboxOutcome outcome, String method) {
        return outcome.report().orElseThrow().tests().stream().filter(t -> t.method().equals(method)).findFirst()
                .orElseThrow();
    }

    @Test
    void anEndlessLoopInAHandlerTimesOutThatTestAndTheRunGoesOn() throws Exception {
        SandboxOutcome outcome = grade("loop", LIMITS);
        assertEquals(Verdict.COMPLETED, outcome.verdict(), outcome.message() + "\n" + outcome.log());
        assertEquals(TestStatus.TIMED_OUT, test(outcome, "settles").status());
        assertEquals(TestStatus.PASSED, test(outcome, "talks").status());
        assertFullMarks();
    }

    @Test
    void aRunPastItsDeadlineIsStoppedAndKeepsWhatFinished() throws Exception {
        SandboxLimits tight = new SandboxLimits(LIMITS.memoryBytes(), 1.0, 128, Duration.ofSeconds(4),
                Duration.ofSeconds(60), LIMITS.outputBytes(), LIMITS.tmpfsBytes());
        SandboxOutcome outcome = grade("loop", tight);
        assertEquals(Verdict.TIMEOUT, outcome.verdict(), outcome.message() + "\n" + outcome.log());
        assertTrue(outcome.message().contains("deadline of 4 s"), outcome.message());
        assertFullMarks();
    }

    @Test
    void anAllocationBombIsOutOfMemory() throws Exception {
        // The heap fills in well under a second on an idle machine, but a loaded one spends seconds in the last
        // full collections: the verdict under test is the memory limit's, so the test's own timeout stays out of it.
        SandboxLimits roomy = new SandboxLimits(LIMITS.memoryBytes(), 1.0, 128, LIMITS.wallClock(),
                Duration.ofSeconds(30), LIMITS.outputBytes(), LIMITS.tmpfsBytes());
        SandboxOutcome outcome = grade("bomb", roomy);
        assertEquals(Verdict.OUT_OF_MEMORY, outcome.verdict(), outcome.message() + "\n" + outcome.log());
        assertTrue(outcome.message().contains("384 MB"), outcome.message());
        assertFullMarks();
    }

    @Test
    void anOutputFloodIsCutWithAVisibleMarker() throws Exception {
        SandboxOutcome outcome = grade("flood", LIMITS);
        assertEquals(Verdict.COMPLETED, outcome.verdict(), outcome.message());
        TestResult talks = test(outcome, "talks");
        assertTrue(talks.outputTruncated());
        assertTrue(talks.output().contains("[output truncated: "));
        assertTrue(talks.output().length() < 3 * 1024, "the per-test cap is a quarter of the 8 KB log cap");
        assertFalse(outcome.logTruncated(), "the flood stays in the test's capture, not the console");
        assertFullMarks();
    }

    /** An Error lab code may throw slips past the allow-list; it costs the student tests, never the run. */
    @Test
    void aThrownOutOfMemoryErrorSlipsPastTheListButStillEndsInResults() throws Exception {
        SandboxOutcome outcome = grade("oom-thrown", LIMITS);
        assertEquals(Verdict.COMPLETED, outcome.verdict(), outcome.message() + "\n" + outcome.log());
        TestResult settles = test(outcome, "settles");
        assertEquals(TestStatus.ERRORED, settles.status());
        assertTrue(settles.message().contains("OutOfMemoryError: pretend"), settles.message());
        assertFullMarks();
    }

    @Test
    void aCompileErrorIsReportedWithFileAndLine() throws Exception {
        SandboxOutcome outcome = grade("compile-error", LIMITS);
        assertEquals(Verdict.COMPILE_ERROR, outcome.verdict());
        Diagnostic d = outcome.report().orElseThrow().diagnostics().get(0);
        assertEquals("faultline/labs/echo/Echo.java:5", d.file() + ":" + d.line());
        assertFullMarks();
    }

    private static final Pattern EXPECT = Pattern.compile("// expect: ([A-Z_]+)");

    /**
     * Exit, reflection, threads, files and sockets, each with the direct use and the sneaky variants in
     * Sneaky.java: every marked line is caught before anything runs, so no variant slips past.
     */
    @ParameterizedTest
    @ValueSource(strings = {"exit", "reflection", "threads", "files", "sockets"})
    void forbiddenApisAreCaughtBeforeAnythingRunsIncludingTheSneakyVariants(String submission) throws Exception {
        SandboxOutcome outcome = grade(submission, LIMITS);
        assertEquals(Verdict.API_VIOLATION, outcome.verdict(), outcome.message() + "\n" + outcome.log());
        RunReport report = outcome.report().orElseThrow();
        assertTrue(report.tests().isEmpty(), "no test ran");
        Path root = SandboxFixtures.submission(submission);
        List<String> marked = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = EXPECT.matcher(lines.get(i));
                    if (m.find()) {
                        marked.add(root.relativize(file).toString().replace('\\', '/') + ":" + (i + 1));
                    }
                }
            }
        }
        assertTrue(marked.size() >= 2, "a direct use and at least one variant");
        for (String where : marked) {
            assertTrue(report.diagnostics().stream().anyMatch(d -> (d.file() + ":" + d.line()).equals(where)),
                    "not caught: " + where + " in " + report.diagnostics());
        }
    }

    /**
     * Several hostile cases in one run (see mixed/Echo.java): a printed OutOfMemoryError line does not decide the
     * verdict, a non-ASCII file name compiles and runs, and a 12 MB assertion message is cut with a marker instead
     * of making results.json unreadable.
     */
    @Test
    void hostileCasesInOneRunEachEndInTheirOwnTestAndTheRunCompletes() throws Exception {
        // Room for building a 12 MB message on a loaded machine; no test here waits for its timeout.
        SandboxLimits roomier = new SandboxLimits(LIMITS.memoryBytes(), 1.0, 128, LIMITS.wallClock(),
                Duration.ofSeconds(20), LIMITS.outputBytes(), LIMITS.tmpfsBytes());
        SandboxOutcome outcome = grade("mixed", roomier);
        assertEquals(Verdict.COMPLETED, outcome.verdict(), outcome.message() + "\n" + outcome.log());
        RunReport report = outcome.report().orElseThrow();
        assertTrue(report.tests().stream().filter(t -> t.method().equals("echoes"))
                .allMatch(t -> t.status() == TestStatus.PASSED), report.tests()::toString);
        assertEquals(TestStatus.PASSED, test(outcome, "settles").status());
        TestResult talks = test(outcome, "talks");
        assertEquals(TestStatus.FAILED, talks.status());
        assertTrue(talks.message().contains("[message truncated: showing the first"), talks.message().substring(0, 80));
        assertTrue(talks.message().length() < 20_000, "cut to 16 KB: " + talks.message().length());
        assertFullMarks();
    }

    /** An Error whose toString never returns: JUnit reads it on the launcher's thread, which every test needs. */
    @Test
    void anErrorWhoseToStringNeverReturnsTimesOutItsOwnTestOnly() throws Exception {
        SandboxOutcome outcome = grade("endless-tostring", LIMITS);
        assertEquals(Verdict.COMPLETED, outcome.verdict(), outcome.message() + "\n" + outcome.log());
        assertEquals(TestStatus.TIMED_OUT, test(outcome, "settles").status());
        assertEquals(TestStatus.PASSED, test(outcome, "talks").status());
        assertFullMarks();
    }

    /** Only an extra class, no Echo: the student's to fix, said as such, never a platform error. */
    @Test
    void aSubmissionMissingTheLabsClassesIsToldWhichOnes() throws Exception {
        SandboxOutcome outcome = grade("extra-only", LIMITS);
        assertEquals(Verdict.COMPILE_ERROR, outcome.verdict(), outcome.message() + "\n" + outcome.log());
        assertTrue(outcome.message().contains("faultline.labs.echo.Echo"), outcome.message());
        RunReport report = outcome.report().orElseThrow();
        assertTrue(report.tests().isEmpty());
        assertEquals("faultline/labs/echo/Echo.java", report.diagnostics().get(0).file());
        assertFullMarks();
    }

    /** Messages that print themselves as 32 KB, 600 times per seed: traces and messages stay within their caps. */
    @Test
    void aTraceFloodIsCutAndTheRunKeepsItsDeadline() throws Exception {
        long start = System.nanoTime();
        // No test here waits for its timeout: room for a loaded machine.
        SandboxLimits roomier = new SandboxLimits(LIMITS.memoryBytes(), 1.0, 128, LIMITS.wallClock(),
                Duration.ofSeconds(20), LIMITS.outputBytes(), LIMITS.tmpfsBytes());
        SandboxOutcome outcome = grade("trace-flood", roomier);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(Verdict.COMPLETED, outcome.verdict(), outcome.message() + "\n" + outcome.log());
        for (TestResult echo : outcome.report().orElseThrow().tests()) {
            if (echo.method().equals("echoes")) {
                assertEquals(TestStatus.FAILED, echo.status(), echo.message());
                assertTrue(echo.traceFile().isPresent(), "the failure keeps its trace");
            }
        }
        long bytes;
        Path out = artifacts.resolve("trace-flood-" + (runs - 1));
        try (Stream<Path> files = Files.walk(out)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        // Uncut, each seed's trace alone would be 600 events of 32 KB (19 MB); cut, about 0.7 MB.
        assertTrue(bytes < 8L << 20, "the run left " + (bytes >> 20) + " MB");
        assertTrue(took.compareTo(LIMITS.wallClock()) < 0, "took " + took);
        assertFullMarks();
    }

    @Test
    void aGoodSubmissionGetsFullMarks() throws Exception {
        assertFullMarks();
    }

    /**
     * Nodes are separate machines and every test starts from nothing: a static map that every node (and every later
     * test and seed) would share is refused before anything runs, with the file, the line and what to do instead.
     */
    @Test
    void stateSharedThroughAStaticFieldIsRefusedBeforeAnythingRuns() throws Exception {
        SandboxOutcome outcome = grade("shared-state", LIMITS);
        assertEquals(Verdict.API_VIOLATION, outcome.verdict(), outcome.message() + "\n" + outcome.log());
        RunReport report = outcome.report().orElseThrow();
        assertTrue(report.tests().isEmpty(), "no test ran");
        assertEquals(1, report.diagnostics().size(), report.diagnostics()::toString);
        Diagnostic d = report.diagnostics().get(0);
        assertEquals("faultline/labs/echo/Echo.java:11", d.file() + ":" + d.line());
        assertTrue(d.message().startsWith("Lab code may not keep state outside its nodes: the field Echo.SEEN"
                + " (Echo.java:11). Nodes are separate machines that share nothing but messages"), d.message());
        assertFullMarks();
    }

    /**
     * What lab code derives from identity hashes without ever calling hashCode (an object's default toString, the
     * order of a HashSet) is the same in every JVM that grades it: two gradings print the same, and a failure that
     * carries such a value replays alone, on its seed, with the same message and the same trace.
     */
    @Test
    void whatLabCodeReadsOfIdentityHashesIsTheSameInEveryRunAndInAReplayOfOneTest() throws Exception {
        SandboxLimits roomy = new SandboxLimits(LIMITS.memoryBytes(), 1.0, 128, LIMITS.wallClock(),
                Duration.ofSeconds(20), LIMITS.outputBytes(), LIMITS.tmpfsBytes());
        SandboxOutcome first = grade("identity", roomy);
        SandboxOutcome second = grade("identity", roomy);
        assertEquals(Verdict.COMPLETED, first.verdict(), first.message() + "\n" + first.log());
        String printed = test(first, "talks").output();
        assertTrue(printed.startsWith("java.lang.Object@1 ["), printed);
        assertTrue(printed.contains("faultline.labs.echo.Echo$Plain is in unnamed module of loader 'app')"),
                "loaded where mvn test loads it: " + printed);
        assertEquals(printed, test(second, "talks").output(), "two JVMs, the same output");

        TestResult failed = first.report().orElseThrow().tests().stream()
                .filter(t -> t.method().equals("echoes") && t.seed() == 2L).findFirst().orElseThrow();
        assertEquals(TestStatus.FAILED, failed.status(), failed.message());
        assertTrue(failed.message().contains("ping-2@1"), failed.message());
        SandboxOutcome replayed = sandbox().grade(SandboxRequest.replay("echo", SandboxFixtures.submission("identity"),
                faultline.runner.suite.TestId.parse("EchoTest#echoes"), 2L, roomy, artifacts.resolve("replay")));
        TestResult alone = replayed.report().orElseThrow().tests().get(0);
        assertEquals(failed.status(), alone.status());
        assertEquals(withoutTracePath(failed.message()), withoutTracePath(alone.message()));
        assertEquals(traceDigest(artifacts.resolve("identity-0"), failed),
                traceDigest(artifacts.resolve("replay"), alone), "the replay is the graded run, byte for byte");
    }

    /** A failure message names where its trace went, which differs between two runs' folders. */
    private static String withoutTracePath(String message) {
        return message.replaceAll("(?m)^  trace: .*$", "");
    }

    private static String traceDigest(Path out, TestResult result) throws Exception {
        Path trace = out.resolve(result.traceFile().orElseThrow(() -> new AssertionError("no trace: " + result)));
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(trace.toFile()).path("digest").asText();
    }
}
