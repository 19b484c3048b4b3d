package faultline.runner;

import faultline.runner.check.ApiAllowList;
import faultline.runner.check.ApiCheck;
import faultline.runner.compile.Compilation;
import faultline.runner.compile.CourseFiles;
import faultline.runner.compile.ForkedCompiler;
import faultline.runner.report.Diagnostic;
import faultline.runner.report.ReportJson;
import faultline.runner.report.RunReport;
import faultline.runner.report.TestResult;
import faultline.runner.report.TestStatus;
import faultline.runner.report.Verdict;
import faultline.runner.suite.MissingLabClassesException;
import faultline.runner.suite.SuiteClasses;
import faultline.runner.suite.SuiteRun;
import faultline.runner.suite.UnknownTestException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The program a sandbox starts: compile, check, run, write results.json. Student code runs inside
 * this JVM, so the runner writes the results file itself after the suite, and also a partial file
 * after every test, so a run that is killed (deadline, memory) still shows what finished.
 *
 * <p>Given a deadline, the runner also stops itself shortly after it: the sandbox normally stops a run at
 * its deadline, but when the grader that started it dies, nothing else would (a local child JVM, or a
 * Docker container, has no deadline of its own), and an endless loop would run on as an orphan.
 */
public final class SandboxRunner {

    public static final String RESULTS = "results.json";
    /** Rewritten after every test; a sandbox reads it only when results.json is missing. */
    public static final String PARTIAL_RESULTS = "results.partial.json";
    /** How long past its deadline the runner leaves the sandbox to stop it before it stops itself. */
    public static final Duration DEADLINE_GRACE = Duration.ofSeconds(2);
    /** The exit code of a run that stopped itself at its deadline (as timeout(1) has it). */
    public static final int DEADLINE_EXIT = 124;
    /** How long the deadline watchdog waits for a results write in progress before it halts anyway. */
    private static final Duration WRITE_WAIT = Duration.ofSeconds(1);

    private final ReportJson json = new ReportJson();
    private final PrintStream console;
    /** Held while results.json is written, so the deadline watchdog and the run never both write it. */
    private final ReentrantLock resultsLock = new ReentrantLock();
    private boolean resultsWritten;
    /** What the watchdog writes if the deadline passes: the tests finished so far. */
    private volatile Optional<RunReport> finishedSoFar = Optional.empty();

    private final SuiteRun.Loading loading;

    /** A runner for one grading in this JVM, which loads the submission as {@code mvn test} would (see main). */
    public SandboxRunner(PrintStream console) {
        this(console, SuiteRun.Loading.OWN_LOADER);
    }

    SandboxRunner(PrintStream console, SuiteRun.Loading loading) {
        this.console = console;
        this.loading = loading;
    }

    public static void main(String[] argv) {
        RunnerArgs args;
        try {
            args = RunnerArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(64);
            return;
        }
        PrintStream console = System.out;
        // A sandbox's JVM grades one submission and ends: its classes go on the JVM's own class path.
        SandboxRunner runner = new SandboxRunner(console, SuiteRun.Loading.CLASS_PATH);
        args.deadline().ifPresent(deadline -> runner.stopItselfAfter(args, deadline));
        int code = 0;
        try {
            RunReport report = runner.run(args);
            console.println("verdict " + report.verdict() + ": " + report.message());
        } catch (IOException | RuntimeException e) {
            console.println("The runner could not write its results: " + e);
            code = 2;
        }
        console.flush();
        // Exit explicitly: a test may have left a thread running that would otherwise keep the JVM alive.
        System.exit(code);
    }

    /**
     * Lab code runs in a JVM where every identity hash is the same number (the grader's RunnerJvm and the handout's
     * test runs pass {@code -XX:hashCode=2}), so that what it derives from one (an object's default toString, the
     * order of a HashSet of enums, an exception naming a class loader) is the same in every run and a failure
     * replays from its seed alone. A JVM started without it grades nothing.
     */
    static void requireConstantIdentityHashes() {
        if (System.identityHashCode(new Object()) != System.identityHashCode(new Object())) {
            throw new IllegalStateException("its JVM was started without -XX:+UnlockExperimentalVMOptions"
                    + " -XX:hashCode=2, so identity hashes would differ from one run to the next");
        }
    }

    /** Runs everything and writes results.json; returns what it wrote. */
    public RunReport run(RunnerArgs args) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(args.out());
        Map<String, Long> phases = new LinkedHashMap<>();
        RunReport report;
        try {
            requireConstantIdentityHashes();
            report = grade(args, phases, start);
        } catch (IOException | RuntimeException | LinkageError e) {
            report = new RunReport(args.lab(), Verdict.PLATFORM_ERROR,
                    "The runner failed on its own (not because of the submission): " + e
                            + ". The run will be retried; tell the course staff if this persists.",
                    args.seeds(), List.of(), List.of(), millisSince(start), phases);
        }
        resultsLock.lock();
        try {
            json.write(args.out().resolve(RESULTS), report);
            resultsWritten = true;
        } finally {
            resultsLock.unlock();
        }
        Files.deleteIfExists(args.out().resolve(PARTIAL_RESULTS));
        return report;
    }

    /**
     * Starts a daemon watchdog that, {@link #DEADLINE_GRACE} past {@code deadline} from now, writes results.json
     * (verdict TIMEOUT, the tests finished so far) unless the run already wrote it, and halts the JVM: halt, not
     * exit, because a test thread stuck in an endless loop or a shutdown hook must not keep the process alive.
     */
    void stopItselfAfter(RunnerArgs args, Duration deadline) {
        long start = System.nanoTime();
        long haltAt = start + deadline.plus(DEADLINE_GRACE).toNanos();
        Thread watchdog = new Thread(() -> {
            for (long wait; (wait = haltAt - System.nanoTime()) > 0; ) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    // Nothing may call this thread off: only the deadline ends it.
                }
            }
            haltAtDeadline(args, deadline, start);
        }, "faultline-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Writes the deadline's results unless the run already wrote its own, then halts while still holding the
     * results lock, so the run cannot start a write the halt would cut in half.
     */
    private void haltAtDeadline(RunnerArgs args, Duration deadline, long start) {
        boolean locked;
        try {
            // A write in progress gets a moment to finish; a stuck one does not keep the process alive.
            locked = resultsLock.tryLock(WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            locked = false;
        }
        if (locked && resultsWritten) {
            Runtime.getRuntime().halt(0);
        }
        if (locked) {
            try {
                RunReport soFar = finishedSoFar.orElseGet(() -> report(args, Verdict.TIMEOUT, "", List.of(),
                        List.of(), start, Map.of()));
                json.write(args.out().resolve(RESULTS), new RunReport(soFar.lab(), Verdict.TIMEOUT,
                        "The run did not finish within its deadline of " + deadline.toSeconds() + " s and stopped"
                                + " itself. Tests that finished before then are listed; look for a test that never"
                                + " ends or a very slow one.", soFar.seeds(), soFar.diagnostics(), soFar.tests(),
                        millisSince(start), soFar.phaseMillis()));
                Files.deleteIfExists(args.out().resolve(PARTIAL_RESULTS));
            } catch (IOException | RuntimeException e) {
                console.println("The runner could not write its results at the deadline: " + e);
            }
        }
        console.println("The run passed its deadline of " + deadline.toSeconds() + " s and nothing stopped it"
                + " (the grader that started it may be gone), so the runner stopped itself.");
        console.flush();
        Runtime.getRuntime().halt(DEADLINE_EXIT);
    }

    private RunReport grade(RunnerArgs args, Map<String, Long> phases, long start) throws IOException {
        long t = System.nanoTime();
        Path sources = args.work().resolve("sources");
        CourseFiles.explain(CourseFiles.assemble(args.sources(), args.suites(), args.lab(), sources))
                .ifPresent(console::println);
        Compilation compilation = new ForkedCompiler(args.work().resolve("compiler"))
                .compile(sources, args.framework(), args.work().resolve("classes"));
        phases.put("compile", millisSince(t));
        if (!compilation.succeeded()) {
            return report(args, Verdict.COMPILE_ERROR,
                    "The submission does not compile (" + count(compilation.errors().size(), "error")
                            + "). Fix the errors listed and submit again; no test ran.",
                    compilation.errors(), List.of(), start, phases);
        }
        CourseFiles.explainRemovedTests(CourseFiles.removeCopiesOfGradedTests(compilation.classes(),
                SuiteClasses.publicTests(args.suites(), args.lab()))).ifPresent(console::println);
        t = System.nanoTime();
        List<Diagnostic> violations = new ApiCheck(new ApiAllowList(args.lab()))
                .check(compilation.classes(), compilation.sourceFiles());
        phases.put("check", millisSince(t));
        if (!violations.isEmpty()) {
            return report(args, Verdict.API_VIOLATION,
                    "The submission uses APIs that lab code may not use (" + count(violations.size(), "use")
                            + "). Remove them and submit again; no test ran.",
                    violations, List.of(), start, phases);
        }
        t = System.nanoTime();
        Path traces = args.out().resolve("traces");
        SuiteRun suite = new SuiteRun(new SuiteRun.Settings(args.lab(), args.seeds(), args.perTest(), args.outputCap(),
                traces, args.out(), args.replayTemplate(), args.only()), loading);
        SuiteRun.Outcome outcome;
        try {
            outcome = suite.run(compilation.classes(), args.framework(), args.suites(),
                    soFar -> writePartial(args, soFar, start, phases), console);
        } catch (UnknownTestException e) {
            return report(args, Verdict.NO_SUCH_TEST, e.getMessage(), List.of(), List.of(), start, phases);
        } catch (MissingLabClassesException e) {
            // The student's to fix, like a compile error: the tests do not compile against what was submitted.
            List<Diagnostic> missing = e.classes().stream().map(c -> new Diagnostic(sourceFileOf(c), 0,
                    "The tests use " + c + ", which the submission does not have. Submit it with the rest of the"
                            + " lab (the handout has every file).")).toList();
            return report(args, Verdict.COMPILE_ERROR, e.getMessage(), missing, List.of(), start, phases);
        }
        phases.put("tests", millisSince(t));
        if (!outcome.outsideOutput().isEmpty()) {
            console.println("output outside tests:\n" + outcome.outsideOutput());
        }
        long passed = outcome.tests().stream().filter(r -> r.status() == TestStatus.PASSED).count();
        return report(args, Verdict.COMPLETED,
                "The suite ran: " + passed + " of " + count(outcome.tests().size(), "test run") + " passed.",
                List.of(), outcome.tests(), start, phases);
    }

    private void writePartial(RunnerArgs args, List<TestResult> soFar, long start, Map<String, Long> phases) {
        RunReport partial = report(args, Verdict.TIMEOUT,
                "The run stopped before it finished; these are the tests that finished before it stopped.",
                List.of(), soFar, start, phases);
        finishedSoFar = Optional.of(partial);
        try {
            json.write(args.out().resolve(PARTIAL_RESULTS), partial);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunReport report(RunnerArgs args, Verdict verdict, String message, List<Diagnostic> diagnostics,
                                    List<TestResult> tests, long start, Map<String, Long> phases) {
        return new RunReport(args.lab(), verdict, message, args.seeds(), diagnostics, tests, millisSince(start),
                Collections.unmodifiableMap(new LinkedHashMap<>(phases)));
    }

    /** The file a class is declared in, as the student names it: faultline/labs/echo/Echo.java for Echo$Inner. */
    static String sourceFileOf(String className) {
        int dollar = className.indexOf('$');
        return (dollar < 0 ? className : className.substring(0, dollar)).replace('.', '/') + ".java";
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
