package faultline.testkit.junit;

import faultline.framework.cluster.Cluster;
import faultline.framework.fault.Scenario;
import faultline.framework.trace.ChartPage;
import faultline.framework.trace.TraceFile;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
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
    /** When set, a file to which each run appends one line per cluster: what it cost in time and events. */
    public static final String RUN_STATS = "faultline.runStats";

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

    /** Supplies the run to the test, explains a failure, and closes the run's clusters. */
    private record RunHooks(TestRun run)
            implements ParameterResolver, TestExecutionExceptionHandler, AfterTestExecutionCallback {

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
                throw new AssertionError(explained, failure);
            }
            throw new RunFailure(explained, failure);
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
            for (Cluster cluster : run.clusters()) {
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
            StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
            text.append("\n  seed:     ").append(run.seed());
            List<Scenario> scenarios = run.scenarios();
            text.append("\n  scenario: ").append(scenarios.isEmpty() ? "no faults"
                    : scenarios.stream().map(Scenario::toString).collect(Collectors.joining("\n            ")));
            text.append("\n  replay:   ").append(replayCommand(run.testClass(), run.testMethod(), run.seed()));
            try {
                run.closeAll(); // a live cluster's trace is complete and still only once its threads have stopped
            } catch (RuntimeException e) {
                text.append("\n  also:     ").append(e.getMessage());
            }
            for (String trace : writeTraces(String.valueOf(failure.getMessage()))) {
                text.append("\n  trace:    ").append(trace);
            }
            return text.toString();
        }

        /** Writes each cluster's trace as JSON and, beside it, its message-sequence chart as a page. */
        private List<String> writeTraces(String failure) {
            List<String> written = new ArrayList<>();
            Path folder = Path.of(System.getProperty(TRACE_DIR, DEFAULT_TRACE_DIR));
            List<Cluster> clusters = run.clusters();
            for (int i = 0; i < clusters.size(); i++) {
                Cluster cluster = clusters.get(i);
                if (!cluster.trace().enabled()) {
                    continue;
                }
                String name = run.testClass() + "." + run.testMethod() + ".seed-" + run.seed()
                        + (clusters.size() > 1 ? "." + (i + 1) : "");
                Map<String, String> about = new LinkedHashMap<>();
                about.put("test", run.testClass() + "#" + run.testMethod());
                about.put("seed", Long.toString(run.seed()));
                about.put("scenario", cluster.scenarios().stream().map(Scenario::toString)
                        .collect(Collectors.joining("; ")));
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
            return written;
        }
    }
}
