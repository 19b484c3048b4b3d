package faultline.grader.cli;

import faultline.grader.course.Course;
import faultline.grader.course.LabConfig;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Intake;
import faultline.grader.sandbox.Sandbox;
import faultline.grader.sandbox.SandboxOutcome;
import faultline.grader.sandbox.SandboxRequest;
import faultline.grader.store.Database;
import faultline.grader.store.Submission;
import faultline.grader.store.SharedSourceDao;
import faultline.grader.store.SubmissionDao;
import faultline.grader.submission.ContentStore;
import faultline.grader.submission.SubmissionReader;
import faultline.grader.submission.SubmissionRules;
import faultline.grader.submission.ValidatedSubmission;
import faultline.runner.report.RunReport;
import faultline.runner.report.TestResult;
import faultline.runner.report.TestStatus;
import faultline.runner.report.Verdict;
import faultline.runner.suite.TestId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "replay", description = {
        "Staff tool: run exactly one hidden test on exactly one seed against a submission, through the same sandbox "
                + "grade uses, and print its whole outcome: status, the full failure message (seed, scenario, replay "
                + "line), the captured output, and the trace JSON (copied to --out or the current folder).",
        "Give the command a failing result's replay hint prints, plus the sources: a folder, .zip or .tar.gz "
                + "(validated as grade does, never stored) or --submission ID from the data folder, or from the "
                + "shared database --db names (sources come from the database, as a worker gets them).",
        "For TAs reproducing a student's failure byte for byte. It writes no submission, job, run or score.",
        "Exit codes: 0 the test passed, 1 it failed, 2 the request or the sources were refused (unknown test, "
                + "compile error...), 3 platform trouble."})
final class ReplayCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Mixin
    GraderOptions options;

    @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab name, e.g. pingpong")
    String lab;

    @Option(names = "--test", required = true, paramLabel = "Class#method",
            description = "The test, as the replay hint names it, e.g. PingPongSuite#retriesThroughLoss")
    String test;

    @Option(names = "--seed", required = true, paramLabel = "N", description = "The seed to run it on")
    long seed;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH",
            description = "A .zip, a .tar.gz or a folder of sources (or give --submission)")
    Path path;

    @Option(names = "--submission", paramLabel = "ID", description = "A stored submission's id (instead of PATH)")
    Long submission;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to copy the trace JSON. Default: the current folder")
    Path out;

    ReplayCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if ((path == null) == (submission == null)) {
            throw new IllegalArgumentException("Say which sources to replay against: either a folder, .zip or .tar.gz "
                    + "path, or --submission ID for a stored submission (not both).");
        }
        TestId testId = TestId.parse(test);
        Course course = options.course();
        LabConfig config = Intake.gradableLab(course, ctx.suites(), lab);
        Path scratch = Files.createTempDirectory("faultline-replay-");
        try {
            Path sources = scratch.resolve("sources");
            String what = path != null ? unpackPath(sources) : unpackStored(sources);
            try (Sandbox sandbox = ctx.sandboxes().open()) {
                ctx.out().printf("Replaying %s of lab %s on seed %d against %s.%n", testId, lab, seed, what);
                ctx.out().println("Sandbox: " + ctx.sandboxes().describe());
                ctx.out().flush();
                SandboxRequest request = SandboxRequest.replay(config.name(), sources, testId, seed,
                        course.sandbox(), scratch.resolve("artifacts"));
                // A stored submission's replay prints the very hint its graded run printed.
                SandboxOutcome outcome = sandbox.grade(submission == null ? request
                        : request.ofStoredSubmission(submission));
                ExitCode code = print(outcome, scratch.resolve("artifacts"));
                ctx.out().flush();
                return code.code();
            }
        } finally {
            deleteTree(scratch);
        }
    }

    /** Validates the sources as grade does and writes them out for the sandbox, without storing them. */
    private String unpackPath(Path sources) throws Exception {
        ValidatedSubmission validated = new SubmissionReader(SubmissionRules.defaults()).read(lab, path);
        if (!validated.dropped().isEmpty()) {
            ctx.out().println("Left out (not graded): " + String.join(", ", validated.dropped()));
        }
        ContentStore.unpack(validated, sources);
        return path + " (" + validated.files().size() + " source files)";
    }

    /**
     * Reads a stored submission's sources: from the data folder's content store, else (a submission graded through a
     * shared PostgreSQL, {@code --db}) from the database, as a worker on another host gets them, checked against
     * their hash and kept in this data folder. The database's records are only read.
     */
    private String unpackStored(Path sources) throws IOException {
        DataFolder data = new DataFolder(ctx.dataFolder(Optional.ofNullable(options.data)));
        Optional<String> url = options.databaseUrl(ctx);
        if (url.isEmpty() && !Files.isRegularFile(data.database())) {
            throw new IllegalArgumentException("There is no Faultline database in " + data.root()
                    + ", so there is no submission " + submission + " to replay. Give the data folder with --data, "
                    + "or the shared database with --db.");
        }
        ContentStore store = new ContentStore(data.contentStore());
        Submission stored;
        try (Database db = url.map(Database::open).orElseGet(() -> Database.open(data.database()))) {
            stored = db.read(h -> h.attach(SubmissionDao.class).byId(submission)).orElseThrow(() ->
                    new IllegalArgumentException("There is no submission " + submission + " in " + db.where()
                            + ". Check the id on the dashboard or in the export."));
            if (!store.contains(stored.contentHash())) {
                byte[] shared = db.read(h -> h.attach(SharedSourceDao.class).get(stored.contentHash()))
                        .orElseThrow(() -> new IllegalArgumentException("The sources of submission " + submission
                                + " are neither in " + data.root() + " nor in the database " + db.where()
                                + ". Replay on the host that received it, or give its data folder with --data."));
                store.putBytes(stored.contentHash(), shared);
            }
        }
        if (!stored.lab().equals(lab)) {
            throw new IllegalArgumentException("Submission " + submission + " is for lab " + stored.lab() + ", not "
                    + lab + ". Replay it with --lab " + stored.lab() + ", or pick a submission of lab " + lab + ".");
        }
        store.unpack(stored.contentHash(), sources);
        return "submission " + submission + " (" + stored.fileCount() + " source files)";
    }

    private ExitCode print(SandboxOutcome outcome, Path artifacts) throws IOException {
        PrintWriter o = ctx.out();
        o.printf("Ran in a %s sandbox in %.1f s.%n", outcome.kind().label(), outcome.elapsed().toMillis() / 1000.0);
        Optional<RunReport> report = outcome.report();
        if (outcome.verdict() != Verdict.COMPLETED || report.map(r -> r.tests().isEmpty()).orElse(true)) {
            o.println("Verdict: " + outcome.verdict());
            o.println(outcome.message());
            report.ifPresent(r -> r.diagnostics().forEach(o::println));
            if (outcome.verdict() != Verdict.NO_SUCH_TEST && !outcome.log().isBlank()) {
                o.println("--- log ---");
                o.println(outcome.log().strip());
            }
            return outcome.verdict() == Verdict.PLATFORM_ERROR || outcome.verdict() == Verdict.COMPLETED
                    ? ExitCode.PLATFORM_TROUBLE : ExitCode.SUBMISSION_ERROR;
        }
        List<TestResult> results = report.get().tests();
        for (TestResult r : results) {
            o.printf("%s, seed %d: %s (%d ms)%n", r.id(), r.seed(), r.status(), r.durationMillis());
            o.println(r.description());
            if (!r.message().isEmpty()) {
                o.println("--- message ---");
                o.println(r.message());
            }
            o.println("--- output ---");
            o.println(r.output().isEmpty() ? "(the test printed nothing)" : r.output().stripTrailing());
            if (r.traceFile().isPresent()) {
                Path copy = copyTrace(artifacts.resolve(r.traceFile().get()));
                o.println("Trace: " + copy + " (the message's trace line is where the sandbox wrote it)");
            } else if (r.status() == TestStatus.PASSED) {
                o.println("Trace: none (a trace is written only when a test fails).");
            } else {
                o.println("Trace: none was written (the test ran no traced cluster).");
            }
        }
        boolean passed = results.stream().allMatch(r -> r.status() == TestStatus.PASSED);
        o.println(passed ? "The test passed on seed " + seed + "."
                : "The test " + results.get(0).status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + " on seed " + seed + "; replaying it again gives the same run.");
        return passed ? ExitCode.OK : ExitCode.TESTS_FAILED;
    }

    private Path copyTrace(Path trace) throws IOException {
        Path folder = (out == null ? Path.of("") : out).toAbsolutePath();
        Files.createDirectories(folder);
        return Files.copy(trace, folder.resolve(trace.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A replay's scratch copy in the temp folder; one left behind is harmless.
        }
    }
}
