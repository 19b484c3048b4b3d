package faultline.web.demo;

import faultline.grader.course.Course;
import faultline.grader.course.LabConfig;
import faultline.grader.grading.SuiteCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The built-in course moved in time so that a demo started today has lab 0 open: its labs keep their spacing,
 * and lab 0 was released three days ago. Every lab with a suite is released at once, so a newcomer can download
 * its handout and submit to it; labs without one keep their later dates.
 */
public final class DemoCourse {

    private DemoCourse() {
    }

    public static Course around(Course course, Instant now, SuiteCatalog suites) {
        Instant first = course.labs().stream().map(LabConfig::release).min(Instant::compareTo).orElse(now);
        Instant opened = now.minus(Duration.ofDays(3));
        Duration shift = Duration.between(first, opened);
        List<LabConfig> labs = course.labs().stream().map(l -> {
            Instant release = l.release().plus(shift);
            if (suites.hasSuite(l.name()) && release.isAfter(opened)) {
                release = opened;
            }
            return new LabConfig(l.name(), l.number(), l.title(), release, l.due().plus(shift),
                    l.hardEnd().plus(shift), l.points(), l.seeds(), l.visibility(), l.categoryVisibility(),
                    l.testVisibility());
        }).toList();
        return new Course(course.name() + " (demo)", labs, course.late(), course.extensions(),
                new faultline.grader.course.SubmissionLimits(course.limits().maxSubmissions(), Duration.ofSeconds(10)),
                course.seeds(), course.policy(), course.sandbox());
    }
}
