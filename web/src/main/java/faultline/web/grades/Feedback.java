package faultline.web.grades;

import faultline.grader.course.Course;
import faultline.grader.course.LabConfig;
import faultline.grader.course.Visibility;
import java.time.Instant;
import java.util.Set;

/**
 * The course's visibility rules for students: visible now; after_due_date once the student's own due date
 * (with extensions) has passed; after_published once staff publish the lab; hidden never. Staff see all.
 */
public record Feedback(Course course, Instant now, Set<String> publishedLabs) {

    public boolean shows(boolean staff, String login, LabConfig lab, String testId, String category) {
        if (staff) {
            return true;
        }
        Visibility v = lab.visibilityOf(testId, category);
        return switch (v) {
            case VISIBLE -> true;
            case AFTER_DUE_DATE -> now.isAfter(course.dueFor(login, lab));
            case AFTER_PUBLISHED -> publishedLabs.contains(lab.name());
            case HIDDEN -> false;
        };
    }
}
