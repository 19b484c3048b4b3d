package faultline.runner.suite;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import faultline.runner.report.TestResult;
import faultline.runner.report.TestStatus;
import faultline.testkit.junit.RunFailure;
import faultline.testkit.junit.SeededTestExtension;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestMetadata;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.engine.DiscoverySelector;
import org.objectweb.asm.ClassReader;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the lab's hidden suite against the compiled submission. Submission and suites share one class
 * loader (the reference solution is never on it); the framework, the test kit and JUnit come from the
 * runner's own class path. Each test runs on its own thread under a preemptive timeout; a test whose
 * thread will not stop is recorded as timed out and the run goes on.
 */
public final class SuiteRun {

    private static final Pattern SEED = Pattern.compile("seed=(-?\\d+)");
    private static final int STACK_FRAMES = 12;
    /**
     * Bytes of traces one run may leave (the test kit writes no further trace past it; one trace is at most about
     * 20,000 events of 1 KB): with the capped failure messages and results, what a run writes stays bounded.
     */
    static final long TRACE_BUDGET = 48L << 20;

    /**
     * @param traceDir       where the test kit writes a failing test's trace (handed over as {@code faultline.traceDir})
     * @param out            the folder results.json goes to; trace paths are reported relative to it
     * @param replayTemplate {lab} {class} (simple name) {method} {test} ({class}#{method}) {seed} are filled in per result
     * @param only           when present, the one test to run instead of the whole suite (a replay)
     */
    public record Settings(String lab, List<Long> seeds, Duration perTest, int outputCap, Path traceDir, Path out,
                           String replayTemplate, Optional<TestId> only) {

        /** The whole suite. */
        public Settings(String lab, List<Long> seeds, Duration perTest, int outputCap, Path traceDir, Path out,
                        String replayTemplate) {
            this(lab, seeds, perTest, outputCap, traceDir, out, replayTemplate, Optional.empty());
        }
    }

    /** The results, and what was printed outside any test (class loading, static initialisers). */
    public record Outcome(List<TestResult> tests, int suiteClasses, String outsideOutput) {
    }

    /**
     * Where the submission's and the suite's classes are loaded. On the class path, a sandbox's one grading loads
     * them exactly as {@code mvn test} does (the JVM's own "app" loader, which is what a ClassCastException names),
     * so lab code cannot tell the two apart; that needs {@code --add-opens java.base/jdk.internal.loader=ALL-UNNAMED}
     * and can be done once per JVM. A loader of their own lets one JVM grade several submissions (the runner's tests).
     */
    public enum Loading { CLASS_PATH, OWN_LOADER }

    private final Settings settings;
    private final Loading loading;

    public SuiteRun(Settings settings, Loading loading) {
        this.settings = settings;
        this.loading = loading;
    }

    /**
     * @param progress called with the results so far after every test, so that a run stopped from
     *                 outside still leaves what it had
     * @throws UnknownTestException when {@link Settings#only} names no test of the lab's suite
     */
    public Outcome run(Path classes, Path framework, Path suites, Consumer<List<TestResult>> progress, PrintStream console)
            throws IOException {
        Files.createDirectories(settings.traceDir());
        // The test kit reads a lone number in faultline.seeds as a count of seeds, so one seed goes in faultline.seed.
        if (settings.seeds().size() == 1) {
            System.setProperty("faultline.seed", String.valueOf(settings.seeds().get(0)));
        } else {
            System.clearProperty("faultline.seed");
        }
        System.setProperty("faultline.seeds",
                settings.seeds().stream().map(String::valueOf).collect(Collectors.joining(",")));
        System.setProperty("faultline.traceDir", settings.traceDir().toAbsolutePath().toString());
        System.setProperty(SeededTestExtension.TRACE_BUDGET, String.valueOf(TRACE_BUDGET));
        // The test kit fills in {class}, {method} and {seed} in its failure messages; {lab} is ours.
        System.setProperty("faultline.replayCommand", settings.replayTemplate().replace("{lab}", settings.lab()));

        List<String> classNames = SuiteClasses.find(suites, settings.lab());
        if (classNames.isEmpty()) {
            throw new IllegalStateException("The suites jar has no tests for lab '" + settings.lab()
                    + "' (package faultline.suites." + settings.lab() + ").");
        }
        URL[] urls = {classes.toUri().toURL(), suites.toUri().toURL(), framework.toUri().toURL()};
        CapturedOutput outside = new CapturedOutput(settings.outputCap());
        Thread main = Thread.currentThread();
        ClassLoader previous = main.getContextClassLoader();
        try (LoaderHandle handle = loader(urls);
             OutputRouting routing = new OutputRouting(outside)) {
            ClassLoader loader = handle.loader();
            main.setContextClassLoader(loader);
            // Assertions on, as Maven's test runs have them: lab code's assert (and desiredAssertionStatus) behave
            // the same graded as on the student's machine.
            loader.setDefaultAssertionStatus(true);
            List<Class<?>> suiteClasses = new ArrayList<>();
            Set<String> missing = missingLabClasses(classNames, loader);
            for (String name : classNames) {
                try {
                    Class<?> suite = Class.forName(name, false, loader);
                    // What discovery reads: a lab class the suite names and the submission lacks fails here.
                    suite.getDeclaredMethods();
                    suite.getDeclaredFields();
                    suite.getDeclaredConstructors();
                    suiteClasses.add(suite);
                } catch (ClassNotFoundException | LinkageError e) {
                    missing.add(missingClass(e).orElseThrow(() -> new IllegalStateException(
                            "The suite class " + name + " could not be loaded: " + e, e)));
                }
            }
            if (!missing.isEmpty()) {
                throw new MissingLabClassesException(List.copyOf(missing));
            }
            Launcher launcher = LauncherFactory.create();
            TestPlan plan = launcher.discover(request(suiteClasses.stream().<DiscoverySelector>map(c -> selectClass(c))
                    .toList()));
            if (settings.only().isPresent()) {
                plan = launcher.discover(request(selectOnly(plan, settings.only().get())));
            }
            Recorder recorder = new Recorder(loader, routing, outside, progress, console);
            try {
                launcher.execute(plan, recorder);
            } catch (ThreadDeath e) {
                throw e;
            } catch (Throwable e) {
                // JUnit rethrows an OutOfMemoryError (which lab code can also throw itself) and stops the
                // whole run; the tests that did not get to run are recorded as errors below.
                routing.routeTo(outside);
                recorder.aborted = Optional.of(e);
            }
            recorder.fillInWhatNeverRan(plan);
            if (!recorder.metadataFaults.isEmpty()) {
                throw new IllegalStateException("The hidden suite's grading metadata could not be read, so no score"
                        + " would be right: " + String.join(" ", recorder.metadataFaults));
            }
            return new Outcome(List.copyOf(recorder.results), suiteClasses.size(), outside.text());
        } finally {
            main.setContextClassLoader(previous);
        }
    }

    /** The loader the run uses, closed after it if it is the run's own. */
    private record LoaderHandle(ClassLoader loader) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (loader instanceof URLClassLoader own) {
                own.close();
            }
        }
    }

    private LoaderHandle loader(URL[] urls) {
        if (loading == Loading.OWN_LOADER) {
            return new LoaderHandle(new URLClassLoader("submission", urls, SuiteRun.class.getClassLoader()));
        }
        ClassLoader app = ClassLoader.getSystemClassLoader();
        try {
            java.lang.reflect.Method append = app.getClass()
                    .getDeclaredMethod("appendToClassPathForInstrumentation", String.class);
            append.setAccessible(true);
            for (URL url : urls) {
                append.invoke(app, Path.of(url.toURI()).toString());
            }
        } catch (ReflectiveOperationException | java.net.URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("the submission's classes could not be put on the class path (the runner's"
                    + " JVM needs --add-opens java.base/jdk.internal.loader=ALL-UNNAMED): " + e, e);
        }
        return new LoaderHandle(app);
    }

    private LauncherDiscoveryRequest request(List<? extends DiscoverySelector> selectors) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter("junit.jupiter.execution.timeout.mode", "enabled")
                .configurationParameter("junit.jupiter.execution.timeout.default", settings.perTest().toMillis() + " ms")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                // Only the runner's own interceptor (see ThrownCopies): nothing else on the class path is picked up.
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter("junit.jupiter.extensions.autodetection.include", ThrownCopies.class.getName())
                .build();
    }

    /**
     * The one test a replay asks for, found in the plan of the whole suite so that a name that matches
     * nothing can be answered with the names that do exist.
     */
    private List<DiscoverySelector> selectOnly(TestPlan whole, TestId only) {
        List<DiscoverySelector> selected = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (TestIdentifier id : testMethods(whole)) {
            MethodSource source = methodOf(id).orElseThrow();
            names.add(source.getClassName().substring(source.getClassName().lastIndexOf('.') + 1) + "#"
                    + source.getMethodName());
            if (only.matches(source.getClassName(), source.getMethodName())) {
                selected.add(selectUniqueId(id.getUniqueId()));
            }
        }
        if (selected.isEmpty()) {
            throw new UnknownTestException(settings.lab(), only, List.copyOf(names));
        }
        return selected;
    }

    /** The plan's test methods (a seeded test's method, not its per-seed invocations). */
    private static List<TestIdentifier> testMethods(TestPlan plan) {
        List<TestIdentifier> methods = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                if (methodOf(id).isPresent()
                        && plan.getParent(id).flatMap(p -> methodOf(plan.getTestIdentifier(p.getUniqueId())))
                        .isEmpty()) {
                    methods.add(id);
                }
            }
        }
        return methods;
    }

    /** Turns launcher events into results; runs on the launcher's (main) thread. */
    private final class Recorder implements TestExecutionListener {
        private final ClassLoader loader;
        private final OutputRouting routing;
        private final CapturedOutput outside;
        private final Consumer<List<TestResult>> progress;
        private final PrintStream console;
        private final List<TestResult> results = new ArrayList<>();
        private final Set<String> methodsWithResults = new HashSet<>();
        private final Map<String, Throwable> failedContainers = new HashMap<>();
        private final Map<String, Started> started = new HashMap<>();
        /** A live test's failure over the live runtime that its simulated twin did not share, by test invocation. */
        private final Map<String, String> liveOnlyFailures = new HashMap<>();
        private final List<String> metadataFaults = new ArrayList<>();
        private final FailureMessages messages = new FailureMessages(settings.out().resolve(FailureMessages.FOLDER));
        private Optional<Throwable> aborted = Optional.empty();

        private record Started(long nanos, CapturedOutput output, Set<Thread> threadsBefore, Set<Path> tracesBefore) {
        }

        Recorder(ClassLoader loader, OutputRouting routing, CapturedOutput outside, Consumer<List<TestResult>> progress,
                 PrintStream console) {
            this.loader = loader;
            this.routing = routing;
            this.outside = outside;
            this.progress = progress;
            this.console = console;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (!id.isTest()) {
                return;
            }
            CapturedOutput output = new CapturedOutput(settings.outputCap());
            started.put(id.getUniqueId(), new Started(System.nanoTime(), output,
                    Set.copyOf(Thread.getAllStackTraces().keySet()), traces()));
            routing.routeTo(output);
        }

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            entry.getKeyValuePairs().entrySet().stream()
                    .filter(e -> e.getKey().equals(SeededTestExtension.LIVE_ONLY_FAILURE))
                    .forEach(e -> liveOnlyFailures.put(id.getUniqueId(), e.getValue()));
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest() || methodOf(id).isPresent()) {
                record(id, TestStatus.SKIPPED, "Skipped: " + reason, 0, "", false, Optional.empty());
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    failedContainers.put(id.getUniqueId(), result.getThrowable().orElse(new IllegalStateException("failed")));
                }
                return;
            }
            routing.routeTo(outside);
            Started start = started.remove(id.getUniqueId());
            long millis = (System.nanoTime() - start.nanos()) / 1_000_000;
            Throwable thrown = result.getThrowable().orElse(null);
            Ending ending = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
                    // A pass may still carry a note: what failed over the live runtime only, and did not count.
                    ? new Ending(TestStatus.PASSED, liveOnlyFailures.getOrDefault(id.getUniqueId(), ""))
                    // Lab code made the throwable: its getMessage or toString may never return, and this is the
                    // launcher's own thread. Read it on another, for no longer than the test itself had.
                    : Described.within(settings.perTest(), () -> ending(result.getStatus(), thrown))
                            .orElseGet(() -> new Ending(TestStatus.TIMED_OUT, "The test threw "
                                    + thrown.getClass().getName() + ", whose message did not finish within "
                                    + seconds(settings.perTest()) + " and was stopped. Look for a toString or"
                                    + " getMessage that never returns."));
            TestStatus status = ending.status();
            String message = status == TestStatus.TIMED_OUT && ending.message().isEmpty()
                    ? timeoutMessage(stopStrayThreads(start.threadsBefore())) : ending.message();
            Optional<String> trace = Optional.empty();
            if (status != TestStatus.PASSED && status != TestStatus.SKIPPED) {
                trace = newestNewTrace(start.tracesBefore());
            }
            record(id, status, message, millis, start.output().text(), start.output().truncated(), trace);
        }

        private void record(TestIdentifier id, TestStatus status, String message, long millis, String output,
                            boolean truncated, Optional<String> trace) {
            Optional<MethodSource> found = methodOf(id);
            if (found.isEmpty()) {
                metadataFaults.add(id.getUniqueId() + " is a test with no method to read its points from.");
                return;
            }
            MethodSource source = found.get();
            long seed = seedOf(id.getDisplayName());
            TestResult r = result(source, id.getDisplayName(), seed, status, millis, message, output,
                    truncated, trace);
            results.add(r);
            methodsWithResults.add(methodKey(source));
            console.printf("%-9s %s [%s] %d ms%n", status, r.id(), r.displayName(), millis);
            progress.accept(List.copyOf(results));
        }

        /** How a test that did not pass ended, read from what it threw; runs on a thread that may be stopped. */
        private Ending ending(TestExecutionResult.Status junitStatus, Throwable thrown) {
            TestStatus status = switch (junitStatus) {
                case SUCCESSFUL -> TestStatus.PASSED;
                case ABORTED -> TestStatus.SKIPPED;
                case FAILED -> isTimeout(thrown) ? TestStatus.TIMED_OUT
                        : thrown instanceof AssertionError ? TestStatus.FAILED : TestStatus.ERRORED;
            };
            String message = switch (status) {
                case PASSED, TIMED_OUT -> "";
                case FAILED, SKIPPED -> thrown == null ? "" : String.valueOf(thrown.getMessage());
                case ERRORED -> describe(thrown);
            };
            return new Ending(status, message);
        }

        /** Tests that never started because their class or template failed around them still count, as errors. */
        void fillInWhatNeverRan(TestPlan plan) {
            for (TestIdentifier id : testMethods(plan)) {
                MethodSource source = methodOf(id).orElseThrow();
                String key = methodKey(source);
                if (methodsWithResults.contains(key)) {
                    continue;
                }
                String why = failureAround(plan, id).or(() -> aborted)
                        .map(t -> "The test could not run: " + Described.within(settings.perTest(), () -> describe(t))
                                .orElse(t.getClass().getName() + " (its description never finished)"))
                        .orElse("The test did not run.");
                List<Long> seeds = id.isContainer() ? settings.seeds() : List.of(seedOf(id.getDisplayName()));
                for (long seed : seeds) {
                    results.add(result(source,
                            id.isContainer() ? "seed=" + seed : id.getDisplayName(), seed, TestStatus.ERRORED, 0,
                            why, "", false, Optional.empty()));
                }
                methodsWithResults.add(key);
            }
            if (!results.isEmpty()) {
                progress.accept(List.copyOf(results));
            }
        }

        private Optional<Throwable> failureAround(TestPlan plan, TestIdentifier id) {
            Optional<TestIdentifier> at = Optional.of(id);
            while (at.isPresent()) {
                Throwable t = failedContainers.get(at.get().getUniqueId());
                if (t != null) {
                    return Optional.of(t);
                }
                at = plan.getParent(at.get());
            }
            return Optional.empty();
        }

        private TestResult result(MethodSource source, String displayName, long seed, TestStatus status,
                                  long millis, String message, String output, boolean truncated, Optional<String> trace) {
            String className = source.getClassName();
            String method = source.getMethodName();
            TestMetadata m = metadata(className, method, source.getMethodParameterTypes());
            int points = m.points();
            String description = m.description();
            String category = m.category().name();
            String simple = className.substring(className.lastIndexOf('.') + 1);
            String testId = simple + "#" + method;
            String replay = settings.replayTemplate()
                    .replace("{lab}", settings.lab()).replace("{class}", simple).replace("{method}", method)
                    .replace("{test}", testId).replace("{seed}", String.valueOf(seed));
            return new TestResult(testId, className, method, displayName, description, category, points, seed, status,
                    millis, messages.keep(testId, seed, message), replay, output, truncated, trace);
        }

        /** The points, description and category of exactly the method JUnit ran, or a fault of the suite. */
        private TestMetadata metadata(String className, String method, String parameterTypes) {
            try {
                return TestMetadata.of(Class.forName(className, false, loader), method, parameterTypes);
            } catch (ClassNotFoundException | LinkageError | IllegalStateException e) {
                metadataFaults.add(className + "#" + method + "(" + parameterTypes + "): " + e.getMessage());
                return new TestMetadata(0, method, TestCategory.BASIC);
            }
        }

        /** The trace files (JSON) in the trace folder; the chart pages the test kit writes beside them are not traces. */
        private Set<Path> traces() {
            try (Stream<Path> files = Files.list(settings.traceDir())) {
                return files.filter(p -> p.getFileName().toString().endsWith(".json")).collect(Collectors.toSet());
            } catch (IOException e) {
                return Set.of();
            }
        }

        private Optional<String> newestNewTrace(Set<Path> before) {
            return traces().stream().filter(p -> !before.contains(p))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                    .map(p -> settings.out().toAbsolutePath().relativize(p.toAbsolutePath()).toString().replace('\\', '/'));
        }

        /** Stops the threads a timed-out test left behind; returns how many would not stop. */
        @SuppressWarnings({"removal", "deprecation"})
        private int stopStrayThreads(Set<Thread> before) {
            List<Thread> stray = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive() && t != Thread.currentThread())
                    .toList();
            // Thread.stop is the only way to end a handler spinning in a loop that never checks for
            // interruption; it still works on Java 17, which the sandbox runs.
            for (Thread t : stray) {
                try {
                    t.stop();
                } catch (UnsupportedOperationException | SecurityException e) {
                    // Left running; it is counted below.
                }
            }
            int alive = 0;
            for (Thread t : stray) {
                try {
                    t.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                alive += t.isAlive() ? 1 : 0;
            }
            return alive;
        }

        private String timeoutMessage(int stillRunning) {
            String base = "The test did not finish within " + seconds(settings.perTest())
                    + " and was stopped. Look for a loop that never ends or a wait that is never answered.";
            return stillRunning == 0 ? base
                    : base + " Its thread could not be stopped and kept running while later tests ran.";
        }
    }

    /**
     * The lab classes the suite's classes name that neither the submission nor the course provides: a test that
     * used one would fail on a NoClassDefFoundError (or the suite would not even be discovered), which is the
     * student's to fix, not a test result or a platform error.
     */
    private Set<String> missingLabClasses(List<String> suiteClasses, ClassLoader loader) throws IOException {
        String lab = "faultline/labs/" + settings.lab() + "/";
        Set<String> missing = new TreeSet<>();
        for (String suite : suiteClasses) {
            try (var in = loader.getResourceAsStream(suite.replace('.', '/') + ".class")) {
                if (in == null) {
                    continue;
                }
                ClassReader reader = new ClassReader(in);
                char[] buffer = new char[reader.getMaxStringLength()];
                for (int i = 1; i < reader.getItemCount(); i++) {
                    int offset = reader.getItem(i);
                    if (offset > 0 && reader.readByte(offset - 1) == 7) { // CONSTANT_Class
                        String named = reader.readUTF8(offset, buffer);
                        String type = named.replaceAll("^\\[*L?|;$", "");
                        if (type.startsWith(lab) && loader.getResource(type + ".class") == null) {
                            missing.add(type.replace('/', '.'));
                        }
                    }
                }
            }
        }
        return missing;
    }

    private record Ending(TestStatus status, String message) {
    }

    private static String methodKey(MethodSource source) {
        return source.getClassName() + "#" + source.getMethodName() + "(" + source.getMethodParameterTypes() + ")";
    }

    /** The lab class a suite could not be loaded without, from the error that says so. */
    private static Optional<String> missingClass(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof NoClassDefFoundError || c instanceof ClassNotFoundException) {
                String name = String.valueOf(c.getMessage()).replace('/', '.');
                if (name.startsWith("faultline.labs.")) {
                    return Optional.of(name);
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return Optional.empty();
    }

    private static Optional<MethodSource> methodOf(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
    }

    static long seedOf(String displayName) {
        Matcher m = SEED.matcher(displayName);
        return m.find() ? Long.parseLong(m.group(1)) : 0L;
    }

    private static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException || String.valueOf(c.getMessage()).contains("timed out after")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exception and the top of its stack, without the launcher's own frames. The test kit's RunFailure is
     * already written for the student (what the lab code threw, and where in it): its message alone.
     */
    static String describe(Throwable t) {
        if (t instanceof RunFailure) {
            return String.valueOf(t.getMessage());
        }
        StringBuilder sb = new StringBuilder(withoutPlatformName(String.valueOf(t)));
        int shown = 0;
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (c.startsWith("org.junit.") || c.startsWith("jdk.internal.") || c.startsWith("java.lang.reflect.")) {
                continue;
            }
            if (shown++ == STACK_FRAMES) {
                sb.append("\n\t...");
                break;
            }
            sb.append("\n\tat ").append(e);
        }
        if (t.getCause() != null && t.getCause() != t) {
            sb.append("\nCaused by: ").append(withoutPlatformName(String.valueOf(t.getCause())));
        }
        return sb.toString();
    }

    /**
     * The text of a throwable of the platform's own ("faultline.framework.cluster.NodeFailure: p1 threw ..."): its
     * message alone, which says what happened; the class is the platform's business, not the student's.
     */
    static String withoutPlatformName(String text) {
        return text.replaceFirst("^faultline\\.(?!labs\\.)[\\w.$]+: ", "");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
