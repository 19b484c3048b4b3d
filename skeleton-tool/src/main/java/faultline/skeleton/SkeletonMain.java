package faultline.skeleton;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code generate REFERENCE_SRC SKELETON_SRC} writes the skeleton; {@code check REFERENCE_SRC SKELETON_SRC}
 * fails, naming every file that differs, when the committed skeleton is not what generation gives. The
 * student-skeleton build runs the check; {@code student-skeleton/regenerate.sh} runs generate.
 * {@code provided REFERENCE_SRC OUT} writes the course-provided lab files (no SOLUTION region) under OUT;
 * the test-suites build puts them in the suites jar for the grader.
 */
public final class SkeletonMain {

    /** What a person runs to bring the committed skeleton back in line with the reference. */
    public static final String REGENERATE = "student-skeleton/regenerate.sh"
            + " (or: mvn -pl student-skeleton -am -Pregenerate compile)";

    private SkeletonMain() {
    }

    public static void main(String[] args) {
        if (args.length == 3 && args[0].equals("provided")) {
            int count = SkeletonTree.writeProvided(Path.of(args[1]), Path.of(args[2]));
            System.out.println("Wrote " + count + " course-provided lab file(s) under " + args[2] + ".");
            return;
        }
        if (args.length != 3 || !(args[0].equals("generate") || args[0].equals("check"))) {
            throw new IllegalArgumentException("Usage: SkeletonMain generate|check|provided REFERENCE_SRC TARGET,"
                    + " for example: check reference-impl/src/main/java student-skeleton/src/main/java");
        }
        Path reference = Path.of(args[1]);
        Path skeleton = Path.of(args[2]);
        if (args[0].equals("generate")) {
            List<Path> changed = SkeletonTree.write(reference, skeleton);
            System.out.println(changed.isEmpty() ? "The skeleton in " + skeleton + " is up to date."
                    : "Regenerated " + changed.size() + " file(s) in " + skeleton + ": " + changed
                            + ". Review and commit them.");
            return;
        }
        List<SkeletonTree.Drift> drift = SkeletonTree.drift(reference, skeleton);
        if (!drift.isEmpty()) {
            throw new IllegalStateException("The committed student skeleton is not what the reference generates:\n  "
                    + drift.stream().map(d -> skeleton.resolve(d.file()) + ": " + d.what())
                            .collect(Collectors.joining("\n  "))
                    + "\nRegenerate it with " + REGENERATE + ", review the diff and commit it."
                    + " Do not edit the skeleton by hand: change the reference and its SOLUTION markers.");
        }
        System.out.println("The student skeleton matches the reference.");
    }
}
