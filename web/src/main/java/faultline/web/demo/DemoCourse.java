package faultline.web.demo;

import faultline.grader.course.Course;
import faultline.grader.course.LabConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The built-in course moved in time so that a demo started today has lab 0 open: its labs keep their spacing,
 * and lab 0 was released three days ago.
 */
public final class DemoCourse {

    private DemoCourse() {
    }

    public static Course around(Course course, Instant now) {
        Instant first = course.labs().stream().map(LabConfig::release).min(Instant::compareTo).orElse(now);
        Duration shift = Duration.between(first, now.minus(Duration.ofDays(3)));
        List<LabConfig> labs = course.labs().stream().map(l -> new LabConfig(l.name(), l.number(), l.title(),
                l.release().plus(shift), l.due().plus(shift), l.hardEnd().plus(shift), l.points(), l.seeds(),
                l.visibility(), l.categoryVisibility(), l.testVisibility())).toList();
        return new Course(course.name() + " (demo)", labs, course.late(), course.extensions(),
                new faultline.grader.course.SubmissionLimits(course.limits().maxSubmissions(), Duration.ofSeconds(10)),
                course.seeds(), course.policy(), course.sandbox());
    }
}
