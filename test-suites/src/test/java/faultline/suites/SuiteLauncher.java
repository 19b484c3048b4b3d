package faultline.suites;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs a lab's hidden suite the way the grader does, and collects what each test invocation did. */
final class SuiteLauncher {

    record Outcome(String test, TestExecutionResult.Status status, String message) {
    }

    private SuiteLauncher() {
    }

    static List<Outcome> run(String lab, Map<String, String> configuration) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("faultline.suites." + lab))
                .configurationParameters(configuration)
                .build();
        List<Outcome> outcomes = new ArrayList<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    outcomes.add(new Outcome(id.getUniqueId(), result.getStatus(),
                            result.getThrowable().map(Throwable::getMessage).orElse("")));
                }
            }
        });
        return outcomes;
    }
}
