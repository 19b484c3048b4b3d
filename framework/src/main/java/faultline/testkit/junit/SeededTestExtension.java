package faultline.testkit.junit;

import faultline.framework.cluster.Cluster;
import faultline.framework.fault.Scenario;
import faultline.framework.trace.ChartPage;
import faultline.framework.trace.TraceFile;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs a {@link SeededTest} once per seed, hands each run its {@link TestRun}, and turns a failure
 * into one a student can act on: the seed, the scenario, the command that replays it and the trace.
 */
public final class SeededTestExtension implements TestTemplateInvocationContextProvider {

    /** Template for the replay command: {class}, {method} and {seed} are filled in. */
    public static final String REPLAY_COMMAND = "faultline.replayCommand";
    public static final String DEFAULT_REPLAY = "mvn test -Dtest={class}#{method} -Dfaultline.seed={seed}";
    public static final String TRACE_DIR = "faultline.traceDir";
    public static final String DEFAULT_TRACE_DIR = "target/faultline-traces";
    /**
     * When set, how many bytes of traces the trace folder may hold: a failing run whose trace would be written past
     * it says so instead (a grading sandbox sets it, so a suite of failing tests cannot fill its disk).
     */
    public static final String TRACE_BUDGET = "faultline.traceBudget";
    /** When set, a file to which each run appends one line per cluster: what it cost in time and events. */
    public static final String RUN_STATS = "faultline.runStats";
    /**
     * The key of the report entry a live test publishes when it failed over the live runtime while its simulated
     * twin, which decides it, passed: the entry's value says what failed live and why it is not counted.
     */
    public static final String LIVE_ONLY_FAILURE = "faultline.liveOnlyFailure";

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(SeededTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        String className = context.getRequiredTestClass().getSimpleName();
        return Seeds.fromSystemProperties().stream()
                .map(seed -> new SeedInvocation(new TestRun(seed, className, method.getName())));
    }

    /** The replay command for one test on one seed. */
    public static String replayCommand(String testClass, String testMethod, long seed) {
        return System.getProperty(REPLAY_COMMAND, DEFAULT_REPLAY)
                .replace("{class}", testClass)
                .replace("{method}", testMethod)
                .replace("{seed}", Long.toString(seed));
    }

    /** Lab code lives in packages under this one; its frames are the ones a student can act on. */
    static final String LAB_PACKAGES = "faultline.labs.";

    private static final int LAB_FRAMES_SHOWN = 4;

    /** JUnit's "expected: <true> but was: <false>" after a sentence that already says what went wrong. */
    private static final Pattern BOOLEAN_EXPECTATION =
            Pattern.compile("\\s*(==> )?expected: <(true|false)> but was: <(true|false)>\\s*$");

    /** A class name with its package at the start of a throwable's text: "java.lang.IllegalStateException: x". */
    private static final Pattern QUALIFIED_NAME = Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+([A-Z][\\w$]*)");

    /** Past this many characters, an expected or actual value is shown around its first difference only. */
    static final int LONG_VALUE = 160;
    private static final int BEFORE_DIFFERENCE = 40;
    private static final int AFTER_DIFFERENCE = 80;

    /**
     * The failure's message, without JUnit's boolean expectation where the test said what it expected, and with
     * long expected and actual values shown from where they first differ.
     */
    static String plainMessage(Throwable failure) {
        String message = failure.getMessage();
        StackTraceElement[] frames = failure.getStackTrace();
        if (frames.length > 0 && frames[0].getClassName().startsWith(LAB_PACKAGES)) {
            // Thrown straight into the test, by lab code the suite called (a getter, say). Its text, not its
            // class: a copy made for safe reading keeps the text of what lab code threw.
            return "The lab code threw " + simpleNamed(String.valueOf(failure));
        }
        if (message == null) {
            return simpleNamed(failure.toString());
        }
        String plain = BOOLEAN_EXPECTATION.matcher(message).replaceFirst("");
        return firstDifference(failure, plain.isBlank() ? message : plain);
    }

    /** "java.lang.IllegalStateException: x" as "IllegalStateException: x": the package says nothing to a student. */
    public static String simpleNamed(String text) {
        return QUALIFIED_NAME.matcher(text).replaceFirst("$1");
    }

    /**
     * JUnit prints a failed comparison as "expected: <E> but was: <A>", each whole: thousands of characters
     * of an append chain twice, with nothing pointing at where they part. Long values are shown around
     * their first difference instead, with their lengths.
     */
    private static String firstDifference(Throwable failure, String message) {
        if (!(failure instanceof org.opentest4j.AssertionFailedError compared) || !compared.isExpectedDefined()
                || !compared.isActualDefined()) {
            return message;
        }
        String expected = String.valueOf(compared.getExpected().getStringRepresentation());
        String actual = String.valueOf(compared.getActual().getStringRepresentation());
        int at = message.lastIndexOf("expected: <");
        if (Math.max(expected.length(), actual.length()) <= LONG_VALUE || at < 0) {
            return message;
        }
        int differ = 0;
        while (differ < expected.length() && differ < actual.length() && expected.charAt(differ) == actual.charAt(differ)) {
            differ++;
        }
        String said = message.substring(0, at).replaceFirst("\\s*==>\\s*$", "").strip();
        return (said.isEmpty() ? "" : said + "\n")
                + "expected and actual first differ at character " + differ + " (expected has " + expected.length()
                + " characters, actual " + actual.length() + "):"
                + "\n  expected: " + around(expected, differ)
                + "\n  actual:   " + around(actual, differ);
    }

    private static String around(String value, int differ) {
        int from = Math.max(0, differ - BEFORE_DIFFERENCE);
        int to = Math.min(value.length(), differ + AFTER_DIFFERENCE);
        return (from > 0 ? "…" : "") + value.substring(from, to) + (to < value.length() ? "…" : "");
    }

    /**
     * Drops the frames nobody can act on (streams, reflection, JUnit, Maven's runner) from a failure and its
     * causes, so {@code mvn test} in a handout prints the lab's and the test's frames, not thirty of the JDK's.
     */
    static void trimFrames(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            t.setStackTrace(Stream.of(t.getStackTrace()).filter(frame -> {
                String c = frame.getClassName();
                return !c.startsWith("java.util.stream.") && !c.startsWith("java.util.Spliterator")
                        && !c.startsWith("jdk.internal.") && !c.startsWith("java.lang.reflect.")
                        && !c.startsWith("org.junit.") && !c.startsWith("org.apache.maven.")
                        && !c.startsWith("java.util.ArrayList") && !c.startsWith("java.util.Iterator");
            }).toArray(StackTraceElement[]::new));
        }
    }

    /**
     * The frames of lab code where the failure started (in its deepest cause that passed through lab code),
     * innermost first, at most a few: where a student looks first.
     */
    static List<StackTraceElement> labFrames(Throwable failure) {
        List<StackTraceElement> found = List.of();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            List<StackTraceElement> frames = Stream.of(t.getStackTrace())
                    .filter(frame -> frame.getClassName().startsWith(LAB_PACKAGES)).limit(LAB_FRAMES_SHOWN).toList();
            if (!frames.isEmpty()) {
                found = frames;
            }
        }
        return found;
    }

    /** A frame as a student reads it: class, method, file and line, without the class loader's name. */
    static String where(StackTraceElement frame) {
        String type = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
        return type + "." + frame.getMethodName() + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse(message);
    }

    /** The failed check's frames: the suite's own, without JUnit's, the JDK's or the test kit's. */
    private static StackTraceElement[] checkFrames(Throwable failure) {
        return Stream.of(failure.getStackTrace())
                .filter(frame -> !frame.getClassName().startsWith("org.junit.")
                        && !frame.getClassName().startsWith("org.opentest4j.")
                        && !frame.getClassName().startsWith("java.")
                        && !frame.getClassName().startsWith("jdk.")
                        && !frame.getClassName().startsWith("sun.")
                        && !frame.getClassName().startsWith("faultline.testkit.junit."))
                .toArray(StackTraceElement[]::new);
    }

    private record SeedInvocation(TestRun run) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "seed=" + run.seed();
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new RunHooks(run));
        }
    }

    /**
     * Supplies the run to the test, runs a live test's simulated twin, explains a failure, and closes the run's
     * clusters.
     */
    private record RunHooks(TestRun run)
            implements ParameterResolver, InvocationInterceptor, TestExecutionExceptionHandler,
            AfterTestExecutionCallback {

        /**
         * Runs the test; if it went live, runs it again as its simulated twin on the same seed, whose outcome is the
         * test's. A live failure the twin shares is reported with it; one the twin does not share is published as a
         * {@link #LIVE_ONLY_FAILURE} entry and costs nothing, since real time, not the code, decided it.
         */
        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                                ExtensionContext context) throws Throwable {
            Throwable overLive = null;
            try {
                invocation.proceed();
            } catch (Throwable failure) {
                overLive = failure;
            }
            if (!run.wentLive() || overLive instanceof org.opentest4j.TestAbortedException) {
                if (overLive != null) {
                    throw overLive;
                }
                return;
            }
            try {
                run.closeAll(); // the live run's threads and sockets go before the twin starts
            } catch (RuntimeException failure) {
                overLive = overLive == null ? failure : overLive;
            }
            run.liveOutcome(overLive == null ? "passed" : firstLine(plainMessage(overLive)));
            TestRun twin = run.startTwin();
            Object[] arguments = call.getArguments().stream().map(a -> a == run ? twin : a).toArray();
            Method method = call.getExecutable();
            try {
                method.setAccessible(true);
                method.invoke(call.getTarget().orElse(null), arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (overLive != null) {
                context.publishReportEntry(LIVE_ONLY_FAILURE, "In the live run (real time, a real network) this seed"
                        + " failed: " + firstLine(plainMessage(overLive))
                        + "\nThe same test run in the simulator on the same seed passed, and the simulator decides a live"
                        + " test's points, so this failure is not counted."
                        + " It still happened: look for timing your code assumed (a retry that gives up, an answer"
                        + " taken for the wrong request).");
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestRun.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return run;
        }

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
            if (failure instanceof org.opentest4j.TestAbortedException) {
                throw failure;
            }
            String explained = explain(failure);
            if (failure instanceof AssertionError) {
                // The message says it all; the only frames worth keeping are the check's own, for the course.
                AssertionError explainedFailure = new AssertionError(explained);
                explainedFailure.setStackTrace(checkFrames(failure));
                throw explainedFailure;
            }
            // Where the lab code threw is what a student can act on; the framework's frames are noise.
            // The message names them; the cause keeps the story for the course, without the JDK's plumbing.
            trimFrames(failure);
            RunFailure explainedFailure = new RunFailure(explained, failure);
            explainedFailure.setStackTrace(new StackTraceElement[0]);
            throw explainedFailure;
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            String statsFile = System.getProperty(RUN_STATS);
            if (statsFile != null) {
                appendStats(Path.of(statsFile));
            }
            run.closeAll();
        }

        /** One line per cluster: test, seed, runtime, the run's clock (virtual in the simulator), events. */
        private void appendStats(Path file) {
            StringBuilder lines = new StringBuilder();
            List<Cluster> clusters = new ArrayList<>(run.clusters());
            if (run.deciding() != run) {
                clusters.addAll(run.deciding().clusters());
            }
            for (Cluster cluster : clusters) {
                lines.append(run.testClass()).append('#').append(run.testMethod()).append('\t')
                        .append(run.seed()).append('\t')
                        .append(cluster.getClass().getSimpleName()).append('\t')
                        .append(cluster.now()).append('\t')
                        .append(cluster.stats().events()).append('\n');
            }
            try {
                java.nio.file.Files.writeString(file, lines, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Could not append run statistics to " + file, e);
            }
        }

        private String explain(Throwable failure) {
            TestRun run = this.run.deciding();
            StringBuilder text = new StringBuilder(plainMessage(failure));
            for (StackTraceElement frame : labFrames(failure)) {
                text.append("\n  at:       ").append(where(frame));
            }
            text.append("\n  seed:     ").append(run.seed());
            List<Scenario> scenarios = run.scenarios();
            List<String> kept = run.keptTraces().stream().map(TestRun.KeptTrace::what).toList();
            text.append("\n  scenario: ").append(!scenarios.isEmpty()
                    ? scenarios.stream().map(Scenario::toString).collect(Collectors.joining("\n            "))
                    : kept.isEmpty() ? "no faults" : String.join("\n            ", kept));
            text.append("\n  replay:   ").append(replayCommand(run.testClass(), run.testMethod(), run.seed()));
            if (run.isTwin()) {
                text.append("\n  live:     ").append(this.run.liveOutcome().equals("passed")
                        ? "the live run of this seed passed; the simulator, running the same test on the same seed,"
                        + " fails it, and the simulator decides a live test's points (it replays exactly)"
                        : "the live run of this seed failed too: " + this.run.liveOutcome());
            }
            try {
                this.run.closeAll(); // a live cluster's trace is complete and still only once its threads have stopped
            } catch (RuntimeException e) {
                text.append("\n  also:     ").append(e.getMessage());
            }
            for (String trace : writeTraces(run, String.valueOf(failure.getMessage()))) {
                text.append("\n  trace:    ").append(trace);
            }
            return text.toString();
        }

        /** Writes each cluster's trace as JSON and, beside it, its message-sequence chart as a page. */
        private static List<String> writeTraces(TestRun run, String failure) {
            List<String> written = new ArrayList<>();
            Path folder = Path.of(System.getProperty(TRACE_DIR, DEFAULT_TRACE_DIR));
            List<Cluster> clusters = run.clusters();
            for (int i = 0; i < clusters.size(); i++) {
                Cluster cluster = clusters.get(i);
                // A test's only cluster gets its chart even when nothing happened in it: that the test failed before
                // any node sent a message is worth seeing (a Paxos that never starts a round, say).
                if (!cluster.trace().enabled() || cluster.trace().recorded() == 0 && clusters.size() > 1) {
                    continue;
                }
                String name = run.testClass() + "." + run.testMethod() + ".seed-" + run.seed()
                        + (clusters.size() > 1 ? "." + (i + 1) : "");
                Map<String, String> about = new LinkedHashMap<>();
                about.put("test", run.testClass() + "#" + run.testMethod());
                about.put("seed", Long.toString(run.seed()));
                about.put("scenario", cluster.scenarios().stream().map(Scenario::toString)
                        .collect(Collectors.joining("; ")));
                long budget = Long.getLong(TRACE_BUDGET, Long.MAX_VALUE);
                long used = bytesIn(folder);
                if (used >= budget) {
                    written.add("not written: this run's traces already fill their " + (budget >> 20) + " MB");
                    continue;
                }
                about.put(TraceFile.FAILURE, failure);
                about.put(TraceFile.FAILED_AT, Long.toString(cluster.now()));
                try {
                    Path file = folder.resolve(name + ".json");
                    cluster.trace().writeJson(file, about);
                    Path chart = folder.resolve(name + ".html");
                    ChartPage.write(chart, cluster.trace().toFile(about),
                            replayCommand(run.testClass(), run.testMethod(), run.seed()));
                    written.add(file + " (" + cluster.trace().recorded() + " events)");
                    written.add(chart + " (message-sequence chart: open it in a browser)");
                } catch (RuntimeException e) {
                    written.add("could not be written: " + e.getMessage());
                }
            }
            for (TestRun.KeptTrace kept : run.keptTraces()) {
                String name = run.testClass() + "." + run.testMethod() + ".seed-" + run.seed() + ".json";
                Map<String, String> about = new LinkedHashMap<>();
                about.put("test", run.testClass() + "#" + run.testMethod());
                about.put("seed", Long.toString(run.seed()));
                about.put("scenario", kept.what());
                try {
                    Path file = folder.resolve(name);
                    kept.trace().writeJson(file, about);
                    written.add(file + " (" + kept.trace().recorded() + " events)");
                } catch (RuntimeException e) {
                    written.add("could not be written: " + e.getMessage());
                }
            }
            return written;
        }

        private static long bytesIn(Path folder) {
            if (!java.nio.file.Files.isDirectory(folder)) {
                return 0;
            }
            try (Stream<Path> files = java.nio.file.Files.list(folder)) {
                return files.mapToLong(f -> f.toFile().length()).sum();
            } catch (java.io.IOException e) {
                return 0;
            }
        }
    }
}
