package faultline.grader.store;

import java.util.List;

/**
 * A submission's own files that grading does not use as they are, by path under the source root: its changed copies
 * of the course's files ({@code replaced}: the course's copy is graded instead) and its own classes named like the
 * course's graded public tests ({@code leftOut}: the course's test is graded instead). Kept with the submission so its
 * page can say so whenever it is read.
 */
public record CourseCopies(List<String> replaced, List<String> leftOut) {

    public static final CourseCopies NONE = new CourseCopies(List.of(), List.of());

    public CourseCopies {
        replaced = List.copyOf(replaced);
        leftOut = List.copyOf(leftOut);
    }

    public boolean isEmpty() {
        return replaced.isEmpty() && leftOut.isEmpty();
    }

    /** What to tell the student: a sentence for the replaced files and one for the files left out, when there are any. */
    public List<String> sentences() {
        List<String> said = new java.util.ArrayList<>();
        if (!replaced.isEmpty()) {
            boolean one = replaced.size() == 1;
            said.add("Your changed " + (one ? "copy of " : "copies of ") + listed(replaced) + (one ? " was" : " were")
                    + " replaced by the course's: " + (one ? "it is a course file" : "they are course files")
                    + ", always graded as the course wrote " + (one ? "it" : "them") + ". Keep your changes in your "
                    + "own files; code that uses something only your copy had does not compile.");
        }
        if (!leftOut.isEmpty()) {
            boolean one = leftOut.size() == 1;
            said.add("Your " + listed(leftOut) + (one ? " was" : " were") + " left out: " + (one ? "it is" : "they are")
                    + " named like the course's graded public " + (one ? "test" : "tests") + ", and the course's own "
                    + (one ? "copy was" : "copies were") + " graded instead. Give your " + (one ? "class another name"
                    : "classes other names") + " if " + (one ? "it is not that test." : "they are not those tests."));
        }
        return List.copyOf(said);
    }

    private static String listed(List<String> files) {
        if (files.size() == 1) {
            return files.get(0);
        }
        return String.join(", ", files.subList(0, files.size() - 1)) + " and " + files.get(files.size() - 1);
    }

    /** The two lists as the database keeps them, one path a line. */
    public record Stored(String replacedCourseFiles, String leftOutFiles) {

        public static Stored of(CourseCopies copies) {
            return new Stored(String.join("\n", copies.replaced()), String.join("\n", copies.leftOut()));
        }

        public CourseCopies copies() {
            return new CourseCopies(lines(replacedCourseFiles), lines(leftOutFiles));
        }

        private static List<String> lines(String text) {
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }
}
