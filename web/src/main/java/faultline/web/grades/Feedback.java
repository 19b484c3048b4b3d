package faultline.web.grades;

import faultline.grader.course.Course;
import faultline.grader.course.LabConfig;
import faultline.grader.course.Visibility;
import faultline.grader.store.GradedTest;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * The course's visibility rules for students: visible now; after_due_date once the student's own due date
 * (with extensions) has passed; after_published once staff publish the lab; hidden never. Staff see all.
 * Every place that shows a student a result asks here: a test's result with {@link #shows}, and any sum of
 * points (a run's total, the lab's current score, a line of their history) with {@link #showsAll}.
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

    /**
     * A total is shown only when every test it adds up is: with one test withheld, its result could be read off
     * the total as the difference from the tests shown.
     */
    public boolean showsAll(boolean staff, String login, LabConfig lab, Collection<GradedTest> tests) {
        return tests.stream().allMatch(t -> shows(staff, login, lab, t.testId(), t.category()));
    }
}
