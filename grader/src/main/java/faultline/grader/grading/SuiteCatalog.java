package faultline.grader.grading;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Which labs have a hidden suite to grade with. The grader never links suites; it asks whoever ships
 * them. Asking to grade a lab without one is an error that says so, before anything is stored.
 */
@FunctionalInterface
public interface SuiteCatalog {

    boolean hasSuite(String lab);

    static SuiteCatalog of(Set<String> labs) {
        return labs::contains;
    }

    /** Suites found as packages {@code faultline.suites.<lab>} on the class path (the test-suites jar). */
    static SuiteCatalog classpath() {
        Predicate<String> present = lab -> SuiteCatalog.class.getClassLoader()
                .getResource("faultline/suites/" + lab + "/") != null;
        return present::test;
    }
}
