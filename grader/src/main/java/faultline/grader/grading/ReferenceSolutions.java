package faultline.grader.grading;

import faultline.framework.LabPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a lab's reference solution comes from, laid out as a student's archive would be (only the lab's own
 * packages), for calibration. The distribution carries the reference sources in its checkout
 * ({@code reference-impl/src/main/java}), the same ones {@code faultline demo} grades.
 */
@FunctionalInterface
public interface ReferenceSolutions {

    /** Copies {@code lab}'s reference into the empty folder {@code target}; false when there is none to copy. */
    boolean copyTo(String lab, Path target) throws IOException;

    /** No references: workers do not calibrate. */
    static ReferenceSolutions none() {
        return (lab, target) -> false;
    }

    /** The references in a built checkout or distribution at {@code home}. */
    static ReferenceSolutions inCheckout(Path home) {
        Path sources = home.resolve("reference-impl/src/main/java");
        return (lab, target) -> {
            List<Path> packages = LabPackages.of(lab).stream().map(p -> Path.of("faultline", "labs", p)).toList();
            if (packages.stream().anyMatch(p -> !Files.isDirectory(sources.resolve(p)))) {
                return false;
            }
            for (Path p : packages) {
                copyTree(sources.resolve(p), target.resolve(p));
            }
            return true;
        };
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
