package faultline.runner.suite;

import java.util.List;

/**
 * The lab's suite uses classes the submission does not have (an archive with only some of the lab's files, or
 * a class renamed or moved): no test can run, and the student can fix it by submitting the whole lab.
 */
public final class MissingLabClassesException extends RuntimeException {

    private final List<String> classes;

    MissingLabClassesException(List<String> classes) {
        super("The tests use " + (classes.size() == 1 ? "a class" : "classes") + " that the submission does not have: "
                + String.join(", ", classes) + ". Submit every file of the lab, with each class in its own package"
                + " and name as the handout has it; no test ran.");
        this.classes = List.copyOf(classes);
    }

    /** The missing classes' binary names, in order. */
    public List<String> classes() {
        return classes;
    }
}
