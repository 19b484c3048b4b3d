package faultline.suites;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import faultline.framework.LabPackages;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.TestMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.SelectorResolutionResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs hidden suite tests through the JUnit Platform launcher, the way the grader does, and reports what
 * each test invocation (one test on one seed) did.
 */
public final class SuiteRun {

    /**
     * What one test did on one seed: its method, the seed's display name, whether the method carries
     * {@link Points}, how it ended and its failure's message. A suite class or container that failed before
     * its tests could run is reported too, with its unique id as the method and no points, so that it is
     * never silently missing.
     */
    public record Outcome(String uniqueId, String method, String seed, boolean graded,
            TestExecutionResult.Status status, String message) {

        public boolean failed() {
            return status != TestExecutionResult.Status.SUCCESSFUL;
        }
    }

    /** How one test fared over its seeds: the seeds it failed and passed on, and the first failure's message. */
    public record Tally(List<String> failedOn, List<String> passedOn, String firstFailure) {

        public int runs() {
            return failedOn.size() + passedOn.size();
        }

        public int failures() {
            return failedOn.size();
        }
    }

    private SuiteRun() {
    }

    /** Runs every test of the lab's suite package on the classes this module's tests see, the reference. */
    static List<Outcome> reference(String lab) {
        return launch(selectors(lab), SuiteRun.class.getClassLoader(), Map.of());
    }

    /**
     * What is graded for {@code lab}: its hidden suite package, and the handout's public tests in each of the lab's
     * packages (compiled into this module from student-skeleton), as the runner grades them.
     */
    static List<DiscoverySelector> selectors(String lab) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        selectors.add(selectPackage("faultline.suites." + lab));
        LabPackages.qualified(lab).forEach(labPackage -> selectors.add(selectPackage(labPackage)));
        return selectors;
    }

    /**
     * Runs {@code selectors} with {@code loader} as the context class loader and the system properties in
     * {@code properties} set for the run; both are restored afterwards, for the tests that run next.
     */
    static List<Outcome> launch(List<? extends DiscoverySelector> selectors, ClassLoader loader,
            Map<String, String> properties) {
        List<Outcome> outcomes = new ArrayList<>();
        var request = LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .listeners(new LauncherDiscoveryListener() {
                    @Override
                    public void selectorProcessed(UniqueId engine, DiscoverySelector selector,
                            SelectorResolutionResult result) {
                        if (result.getStatus() == SelectorResolutionResult.Status.FAILED) {
                            outcomes.add(new Outcome(selector.toString(), selector + " (discovery)", "", false,
                                    TestExecutionResult.Status.FAILED,
                                    result.getThrowable().map(SuiteRun::message).orElse("")));
                        }
                    }
                }).build();
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        Map<String, String> previous = new HashMap<>();
        properties.keySet().forEach(key -> previous.put(key, System.getProperty(key)));
        thread.setContextClassLoader(loader);
        properties.forEach(System::setProperty);
        try {
            LauncherFactory.create().execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    String message = result.getThrowable().map(SuiteRun::message).orElse("");
                    if (id.isTest()) {
                        MethodSource source = id.getSource().orElse(null) instanceof MethodSource m ? m : null;
                        outcomes.add(new Outcome(id.getUniqueId(),
                                source == null ? id.getUniqueId() : source.getMethodName(), id.getDisplayName(),
                                source != null && carriesPoints(source, loader), result.getStatus(), message));
                    } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        outcomes.add(new Outcome(id.getUniqueId(), id.getUniqueId() + " (container)", "", false,
                                result.getStatus(), message));
                    }
                }
            });
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
            thread.setContextClassLoader(previousLoader);
        }
        return outcomes;
    }

    /** The outcomes by test method, each with the seeds it failed and passed on. */
    public static SortedMap<String, Tally> tally(List<Outcome> outcomes) {
        SortedMap<String, Tally> tallies = new TreeMap<>();
        outcomes.stream().collect(Collectors.groupingBy(Outcome::method)).forEach((method, runs) ->
                tallies.put(method, new Tally(
                        runs.stream().filter(Outcome::failed).map(Outcome::seed).toList(),
                        runs.stream().filter(o -> !o.failed()).map(Outcome::seed).toList(),
                        runs.stream().filter(Outcome::failed).map(Outcome::message).findFirst().orElse(""))));
        return tallies;
    }

    private static boolean carriesPoints(MethodSource source, ClassLoader loader) {
        try {
            return TestMetadata.method(loader.loadClass(source.getClassName()), source.getMethodName(),
                    source.getMethodParameterTypes()).isAnnotationPresent(Points.class);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("cannot load suite class " + source.getClassName(), e);
        }
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }
}
