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

    /**
     * The identity of the lab's hidden suite: a SHA-256 over its class files' names and bytes (so a rebuilt jar with
     * the same classes keeps it, and any change to a test changes it). Empty when this catalog cannot say, in which
     * case workers do not calibrate the lab.
     */
    default java.util.Optional<String> digest(String lab) {
        return java.util.Optional.empty();
    }

    /**
     * The course's own files of the lab (lab files with nothing for a student to write), by path under the source
     * root ({@code faultline/labs/...}), with their content: grading always puts these back over a submission's
     * copies. Empty when this catalog cannot say.
     */
    default java.util.SortedMap<String, byte[]> courseFiles(String lab) {
        return java.util.Collections.emptySortedMap();
    }

    /**
     * The handout's public tests graded with the lab's suite, fully qualified ({@code faultline.labs.pbkv.PBKVTest});
     * a submission's own class of one of these names is left out when it is graded. Empty when this catalog cannot say.
     */
    default java.util.List<String> gradedPublicTests(String lab) {
        return java.util.List.of();
    }

    static SuiteCatalog of(Set<String> labs) {
        return labs::contains;
    }

    /** Suites found as packages {@code faultline.suites.<lab>} in a jar or class folder. */
    static SuiteCatalog inJar(java.nio.file.Path suites) {
        return new SuitesJar(suites);
    }

    /** Suites found as packages {@code faultline.suites.<lab>} on the class path (the test-suites jar). */
    static SuiteCatalog classpath() {
        Predicate<String> present = lab -> SuiteCatalog.class.getClassLoader()
                .getResource("faultline/suites/" + lab + "/") != null;
        return present::test;
    }
}
