package faultline.grader.submission;

import java.util.Set;

/**
 * A submission beside the course's own files of its lab ({@code faultline/labs/...} paths, as the suites carry them):
 * grading puts the course's files back over the submission's, so a folder where a course file goes cannot be graded
 * at all and is refused.
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
}
