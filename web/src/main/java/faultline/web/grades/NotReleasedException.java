package faultline.web.grades;

/** Something of a lab that opens later was asked for: the answer says when it opens. */
public class NotReleasedException extends RuntimeException {
    public NotReleasedException(String message) {
        super(message);
    }
}
