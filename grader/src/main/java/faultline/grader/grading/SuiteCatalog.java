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

    /** Suites found as packages {@code faultline.suites.<lab>} in a jar or class folder. */
    static SuiteCatalog inJar(java.nio.file.Path suites) {
        return lab -> {
            String folder = "faultline/suites/" + lab + "/";
            if (java.nio.file.Files.isDirectory(suites)) {
                return java.nio.file.Files.isDirectory(suites.resolve(folder));
            }
            try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(suites.toFile())) {
                return jar.stream().anyMatch(e -> e.getName().startsWith(folder) && e.getName().endsWith(".class"));
            } catch (java.io.IOException e) {
                return false;
            }
        };
    }

    /** Suites found as packages {@code faultline.suites.<lab>} on the class path (the test-suites jar). */
    static SuiteCatalog classpath() {
        Predicate<String> present = lab -> SuiteCatalog.class.getClassLoader()
                .getResource("faultline/suites/" + lab + "/") != null;
        return present::test;
    }
}
