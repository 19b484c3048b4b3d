package faultline.suites;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.HashMap;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

public final class SuiteRunAccess {
    public static void run(String what) {
        DiscoverySelector selector = what.contains("#") ? selectMethod(what)
                : Character.isUpperCase(what.charAt(what.lastIndexOf('.') + 1)) ? selectClass(what) : selectPackage(what);
        long start = System.nanoTime();
        Map<String, Long> started = new HashMap<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selector).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionStarted(TestIdentifier id) {
                        started.put(id.getUniqueId(), System.nanoTime());
                    }

                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest()) {
                            long ms = (System.nanoTime() - started.get(id.getUniqueId())) / 1_000_000;
                            String uid = id.getUniqueId();
                            String method = uid.replaceAll(".*method:([a-zA-Z]+).*", "$1");
                            System.out.println("[dev] " + method + " " + id.getDisplayName() + " " + result.getStatus()
                                    + " " + ms + "ms" + result.getThrowable().map(t -> " :: " + t.getMessage()).orElse(""));
                        }
                    }
                });
        System.out.println("[dev] wall ms " + (System.nanoTime() - start) / 1_000_000);
    }
}
