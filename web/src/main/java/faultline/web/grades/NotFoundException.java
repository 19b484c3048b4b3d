package faultline.web.grades;

/**
 * What was asked for does not exist, or exists but is not the viewer's to see: the two are deliberately the
 * same answer, so a student cannot learn which submission ids belong to others.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
