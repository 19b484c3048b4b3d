package faultline.web.grades;

/** The viewer is signed in but their role may not do this. */
public class NotAllowedException extends RuntimeException {
    public NotAllowedException(String message) {
        super(message);
    }
}
