package faultline.grader.submission;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import faultline.grader.store.CourseCopies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A submission beside the course's own files of its lab ({@code faultline/labs/...} paths, as the suites carry them):
 * grading puts the course's files back over the submission's and leaves out the submission's own classes named like
 * the course's graded public tests. A folder where a course file goes cannot be graded at all and is refused; what
 * grading will replace or leave out is told to the student ({@link CourseCopies}).
 */
public final class CourseFileCheck {

    private CourseFileCheck() {
    }

    /**
     * Refuses a submission with a folder at a course file's path ({@code faultline/labs/kv/KVStore.java/}) or named
     * as its class ({@code faultline/labs/kv/KVStore/}, a package the course's class clashes with).
     */
    public static void refuseClashes(ValidatedSubmission sources, Set<String> courseFiles)
            throws SubmissionRejectedException {
        for (String courseFile : courseFiles) {
            if (!courseFile.endsWith(".java")) {
                continue;
            }
            String asClass = courseFile.substring(0, courseFile.length() - ".java".length());
            for (String path : sources.files().keySet()) {
                String folder = path.startsWith(courseFile + "/") ? courseFile
                        : path.startsWith(asClass + "/") ? asClass : "";
                if (folder.isEmpty()) {
                    continue;
                }
                String simple = asClass.substring(asClass.lastIndexOf('/') + 1);
                String parent = asClass.substring(0, asClass.lastIndexOf('/')).replace('/', '.');
                throw new SubmissionRejectedException(path + " is in the folder " + folder + "/, package "
                        + folder.replace('/', '.') + ", which clashes with the course's own " + simple + ".java ("
                        + "class " + parent + "." + simple + "), always graded from the course's copy. Rename that "
                        + "package, for example to " + parent + "." + simple.toLowerCase(java.util.Locale.ROOT)
                        + ", and submit again.");
            }
        }
    }

    /**
     * The submission's files that grading will not use as they are: changed copies of course files, and its own
     * classes named like one of {@code gradedPublicTests} (fully qualified), found by file name or by a top-level
     * class of that name in the test's package.
     */
    public static CourseCopies copies(ValidatedSubmission sources, Map<String, byte[]> courseFiles,
                                      List<String> gradedPublicTests) {
        List<String> replaced = new ArrayList<>();
        courseFiles.forEach((path, course) -> {
            byte[] own = sources.files().get(path);
            if (own != null && !Arrays.equals(own, course)) {
                replaced.add(path);
            }
        });
        List<String> leftOut = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : sources.files().entrySet()) {
            String path = file.getKey();
            String folder = path.substring(0, path.lastIndexOf('/')).replace('/', '.');
            String base = path.substring(path.lastIndexOf('/') + 1);
            boolean copy = gradedPublicTests.stream().anyMatch(test -> {
                String simple = test.substring(test.lastIndexOf('.') + 1);
                return test.equals(folder + "." + simple) && (base.equals(simple + ".java")
                        || declaresTopLevel(new String(file.getValue(), StandardCharsets.UTF_8), simple));
            });
            if (copy) {
                leftOut.add(path);
            }
        }
        return new CourseCopies(replaced, leftOut);
    }

    private static boolean declaresTopLevel(String source, String simple) {
        // Only files that name it at all are parsed.
        return source.contains(simple) && SubmissionReader.parsed(source).map(unit -> unit.getTypeDecls().stream()
                .filter(t -> t.getKind() != Tree.Kind.EMPTY_STATEMENT)
                .anyMatch(t -> t instanceof ClassTree c && c.getSimpleName().contentEquals(simple))).orElse(false);
    }
}
