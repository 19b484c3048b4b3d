package faultline.runner;

import faultline.runner.check.ApiAllowList;
import faultline.runner.check.ApiCheck;
import faultline.runner.compile.Compilation;
import faultline.runner.compile.CourseFiles;
import faultline.runner.compile.SourceCompiler;
import faultline.runner.report.Diagnostic;
import faultline.runner.report.ReportJson;
import faultline.runner.report.RunReport;
import faultline.runner.report.TestResult;
import faultline.runner.report.TestStatus;
import faultline.runner.report.Verdict;
import faultline.runner.suite.SuiteRun;
import faultline.runner.suite.UnknownTestException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The program a sandbox starts: compile, check, run, write results.json. Student code runs inside
 * this JVM, so the runner writes the results file itself after the suite, and also a partial file
 * after every test, so a run that is killed (deadline, memory) still shows what finished.
 */
public final class SandboxRunner {

    public static final String RESULTS = "results.json";
    /** Rewritten after every test; a sandbox reads it only when results.json is missing. */
    public static final String PARTIAL_RESULTS = "results.partial.json";

    private final ReportJson json = new ReportJson();
    private final PrintStream console;

    public SandboxRunner(PrintStream console) {
        this.console = console;
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
        int code = 0;
        try {
            RunReport report = new SandboxRunner(console).run(args);
            console.println("verdict " + report.verdict() + ": " + report.message());
        } catch (IOException | RuntimeException e) {
            console.println("The runner could not write its results: " + e);
            code = 2;
        }
        console.flush();
        // Exit explicitly: a test may have left a thread running that would otherwise keep the JVM alive.
        System.exit(code);
    }

    /** Runs everything and writes results.json; returns what it wrote. */
    public RunReport run(RunnerArgs args) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(args.out());
        Map<String, Long> phases = new LinkedHashMap<>();
        RunReport report;
        try {
            report = grade(args, phases, start);
        } catch (IOException | RuntimeException | LinkageError e) {
            report = new RunReport(args.lab(), Verdict.PLATFORM_ERROR,
                    "The runner failed on its own (not because of the submission): " + e
                            + ". The run will be retried; tell the course staff if this persists.",
                    args.seeds(), List.of(), List.of(), millisSince(start), phases);
        }
        json.write(args.out().resolve(RESULTS), report);
        Files.deleteIfExists(args.out().resolve(PARTIAL_RESULTS));
        return report;
    }

    private RunReport grade(RunnerArgs args, Map<String, Long> phases, long start) throws IOException {
        long t = System.nanoTime();
        Path sources = args.work().resolve("sources");
        CourseFiles.explain(CourseFiles.assemble(args.sources(), args.suites(), args.lab(), sources))
                .ifPresent(console::println);
        Compilation compilation = new SourceCompiler().compile(sources, args.framework(), args.work().resolve("classes"));
        phases.put("compile", millisSince(t));
        if (!compilation.succeeded()) {
            return report(args, Verdict.COMPILE_ERROR,
                    "The submission does not compile (" + count(compilation.errors().size(), "error")
                            + "). Fix the errors listed and submit again; no test ran.",
                    compilation.errors(), List.of(), start, phases);
        }
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
                traces, args.out(), args.replayTemplate(), args.only()));
        SuiteRun.Outcome outcome;
        try {
            outcome = suite.run(compilation.classes(), args.framework(), args.suites(),
                    soFar -> writePartial(args, soFar, start, phases), console);
        } catch (UnknownTestException e) {
            return report(args, Verdict.NO_SUCH_TEST, e.getMessage(), List.of(), List.of(), start, phases);
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
        try {
            json.write(args.out().resolve(PARTIAL_RESULTS), report(args, Verdict.TIMEOUT,
                    "The run stopped before it finished; these are the tests that finished before it stopped.",
                    List.of(), soFar, start, phases));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunReport report(RunnerArgs args, Verdict verdict, String message, List<Diagnostic> diagnostics,
                                    List<TestResult> tests, long start, Map<String, Long> phases) {
        return new RunReport(args.lab(), verdict, message, args.seeds(), diagnostics, tests, millisSince(start),
                Collections.unmodifiableMap(new LinkedHashMap<>(phases)));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
