package faultline.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.TestMetadata;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Every hidden test's points, description and category can be read from exactly the method JUnit runs, and
 * no other method of its suite shares its name: results, replays and dashboards name a test Class#method, and
 * a helper with a test's name once made a graded test count for 0 points in some runs. A suite that breaks
 * this fails the build here, rather than grading with silent zeros.
 */
class SuiteMetadataTest {

    @Test
    void everyTestOfEverySuiteHasItsOwnNameAndFullMetadata() {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("faultline.suites"), selectPackage("faultline.labs")).build());
        List<String> faults = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                if (!(id.getSource().orElse(null) instanceof MethodSource source)
                        || !isHiddenSuite(source.getClassName())
                        || !seen.add(source.getClassName() + "#" + source.getMethodName())) {
                    continue;
                }
                faults.addAll(faultsOf(source));
            }
        }
        assertFalse(seen.isEmpty(), "no suite test was discovered");
        assertTrue(seen.stream().anyMatch(test -> test.startsWith("faultline.labs.")), "no public test of the"
                + " handout was discovered, though they are graded: are they compiled in from student-skeleton?");
        assertEquals(List.of(), faults);
    }

    /**
     * A graded class: of a lab's suite package (faultline.suites.pbkv), or a handout's public test
     * (faultline.labs.pbkv.PrimaryBackupTest), not this module's own tests.
     */
    private static boolean isHiddenSuite(String className) {
        String pkg = className.substring(0, className.lastIndexOf('.'));
        return pkg.startsWith("faultline.suites.") && !pkg.equals("faultline.suites.plantedbugs")
                || pkg.startsWith("faultline.labs.");
    }

    private static List<String> faultsOf(MethodSource source) {
        List<String> faults = new ArrayList<>();
        String test = source.getClassName() + "#" + source.getMethodName();
        try {
            Class<?> suite = Class.forName(source.getClassName());
            Method method = TestMetadata.method(suite, source.getMethodName(), source.getMethodParameterTypes());
            TestMetadata.of(method);
            if (method.getAnnotation(Description.class) == null || method.getAnnotation(Category.class) == null) {
                faults.add(test + " needs a @Description and a @Category.");
            }
            long sameName = Arrays.stream(suite.getDeclaredMethods())
                    .filter(m -> !m.isSynthetic() && m.getName().equals(source.getMethodName())).count();
            if (sameName > 1) {
                faults.add(test + " shares its name with " + (sameName - 1) + " other method(s) of its suite;"
                        + " rename the helper.");
            }
        } catch (ClassNotFoundException | IllegalStateException e) {
            faults.add(test + ": " + e.getMessage());
        }
        return faults;
    }
}
