package faultline.runner.suite;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import faultline.runner.report.TestResult;
import faultline.runner.report.TestStatus;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
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
import org.junit.platform.engine.TestExecutionResult;
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

    private final Settings settings;

    public SuiteRun(Settings settings) {
        this.settings = settings;
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
        try (URLClassLoader loader = new URLClassLoader("submission", urls, SuiteRun.class.getClassLoader());
             OutputRouting routing = new OutputRouting(outside)) {
            main.setContextClassLoader(loader);
            List<Class<?>> suiteClasses = new ArrayList<>();
            for (String name : classNames) {
                try {
                    suiteClasses.add(Class.forName(name, false, loader));
                } catch (ClassNotFoundException | LinkageError e) {
                    // A suite that cannot even load (the submission lacks a class it names) fails its tests below.
                    console.println("suite class " + name + " could not be loaded: " + e);
                }
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
            return new Outcome(List.copyOf(recorder.results), suiteClasses.size(), outside.text());
        } finally {
            main.setContextClassLoader(previous);
        }
    }

    private LauncherDiscoveryRequest request(List<? extends DiscoverySelector> selectors) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter("junit.jupiter.execution.timeout.mode", "enabled")
                .configurationParameter("junit.jupiter.execution.timeout.default", settings.perTest().toMillis() + " ms")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
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
            TestStatus status = switch (result.getStatus()) {
                case SUCCESSFUL -> TestStatus.PASSED;
                case ABORTED -> TestStatus.SKIPPED;
                case FAILED -> isTimeout(thrown) ? TestStatus.TIMED_OUT
                        : thrown instanceof AssertionError ? TestStatus.FAILED : TestStatus.ERRORED;
            };
            String message = switch (status) {
                case PASSED -> "";
                case TIMED_OUT -> timeoutMessage(stopStrayThreads(start.threadsBefore()));
                case FAILED, SKIPPED -> thrown == null ? "" : String.valueOf(thrown.getMessage());
                case ERRORED -> describe(thrown);
            };
            Optional<String> trace = Optional.empty();
            if (status != TestStatus.PASSED && status != TestStatus.SKIPPED) {
                trace = newestNewTrace(start.tracesBefore());
            }
            record(id, status, message, millis, start.output().text(), start.output().truncated(), trace);
        }

        private void record(TestIdentifier id, TestStatus status, String message, long millis, String output,
                            boolean truncated, Optional<String> trace) {
            Optional<MethodSource> source = methodOf(id);
            String className = source.map(MethodSource::getClassName).orElse("");
            String method = source.map(MethodSource::getMethodName).orElse(id.getDisplayName());
            long seed = seedOf(id.getDisplayName());
            TestResult r = result(className, method, id.getDisplayName(), seed, status, millis, message, output,
                    truncated, trace);
            results.add(r);
            methodsWithResults.add(className + "#" + method);
            console.printf("%-9s %s [%s] %d ms%n", status, r.id(), r.displayName(), millis);
            progress.accept(List.copyOf(results));
        }

        /** Tests that never started because their class or template failed around them still count, as errors. */
        void fillInWhatNeverRan(TestPlan plan) {
            for (TestIdentifier id : testMethods(plan)) {
                MethodSource source = methodOf(id).orElseThrow();
                String key = source.getClassName() + "#" + source.getMethodName();
                if (methodsWithResults.contains(key)) {
                    continue;
                }
                String why = failureAround(plan, id).or(() -> aborted)
                        .map(t -> "The test could not run: " + describe(t))
                        .orElse("The test did not run.");
                List<Long> seeds = id.isContainer() ? settings.seeds() : List.of(seedOf(id.getDisplayName()));
                for (long seed : seeds) {
                    results.add(result(source.getClassName(), source.getMethodName(),
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

        private TestResult result(String className, String method, String displayName, long seed, TestStatus status,
                                  long millis, String message, String output, boolean truncated, Optional<String> trace) {
            Optional<Method> m = javaMethod(className, method);
            int points = m.map(x -> x.getAnnotation(Points.class)).map(Points::value).orElse(0);
            String description = m.map(x -> x.getAnnotation(Description.class)).map(Description::value).orElse(method);
            String category = m.map(x -> x.getAnnotation(Category.class)).map(c -> c.value().name()).orElse("BASIC");
            String simple = className.substring(className.lastIndexOf('.') + 1);
            String testId = simple + "#" + method;
            String replay = settings.replayTemplate()
                    .replace("{lab}", settings.lab()).replace("{class}", simple).replace("{method}", method)
                    .replace("{test}", testId).replace("{seed}", String.valueOf(seed));
            return new TestResult(testId, className, method, displayName, description, category, points, seed, status,
                    millis, message, replay, output, truncated, trace);
        }

        private Optional<Method> javaMethod(String className, String method) {
            try {
                Class<?> c = Class.forName(className, false, loader);
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(method)) {
                        return Optional.of(m);
                    }
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // No annotations to read: the result keeps its defaults.
            }
            return Optional.empty();
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

    /** The exception and the top of its stack, without the launcher's own frames. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(String.valueOf(t));
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
            sb.append("\nCaused by: ").append(t.getCause());
        }
        return sb.toString();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
