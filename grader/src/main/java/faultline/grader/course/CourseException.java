package faultline.grader.course;

/** The course file is wrong, or names something that is not there; the message names the field and what is allowed. */
public class CourseException extends Exception {
    public CourseException(String message) {
        super(message);
    }

    public CourseException(String message, Throwable cause) {
        super(message, cause);
    }
}
