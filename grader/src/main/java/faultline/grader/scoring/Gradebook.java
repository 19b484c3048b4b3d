package faultline.grader.scoring;

import faultline.grader.course.Course;
import faultline.grader.course.GradePolicy;
import faultline.grader.course.LabConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Turns a student's graded submissions into lab grades under the course's policy; a pure function. */
public final class Gradebook {

    private final Course course;

    public Gradebook(Course course) {
        this.course = course;
    }

    /**
     * Grades every lab the student has a graded submission for, in lab order, so free late days are
     * spent on earlier labs first.
     */
    public List<LabGrade> grade(String student, Map<String, List<Candidate>> candidatesByLab) {
        List<LabGrade> grades = new ArrayList<>();
        int budget = course.late().lateDaysBudget();
        List<LabConfig> labs = course.labs().stream().sorted(Comparator.comparingInt(LabConfig::number)).toList();
        for (LabConfig lab : labs) {
            List<Candidate> candidates = candidatesByLab.getOrDefault(lab.name(), List.of());
            if (candidates.isEmpty()) {
                continue;
            }
            int remaining = budget;
            List<LabGrade> options = candidates.stream().map(c -> gradeOf(student, lab, c, remaining)).toList();
            LabGrade chosen = course.policy() == GradePolicy.LATEST
                    ? options.stream().max(Comparator.comparing((LabGrade g) -> g.counted().receivedAt())
                            .thenComparingLong(g -> g.counted().submissionId())).orElseThrow()
                    : options.stream().max(Comparator.comparingDouble(LabGrade::points)
                            .thenComparing(g -> g.counted().receivedAt())
                            .thenComparingLong(g -> g.counted().submissionId())).orElseThrow();
            budget -= chosen.graceDays();
            grades.add(chosen);
        }
        return grades;
    }

    LabGrade gradeOf(String student, LabConfig lab, Candidate c, int graceAvailable) {
        Instant due = course.dueFor(student, lab);
        int lateDays = lateDays(due, c.receivedAt());
        int grace = Math.min(lateDays, Math.max(0, graceAvailable));
        double penalty = c.receivedAt().isAfter(course.hardEndFor(student, lab)) ? 100
                : Math.min(100, (lateDays - grace) * course.late().penaltyPercentPerDay());
        double fraction = c.maxPoints() <= 0 ? 0 : c.rawPoints() / c.maxPoints();
        double points = round(lab.points() * fraction * (100 - penalty) / 100);
        return new LabGrade(lab.name(), c, lateDays, grace, penalty, points, lab.points());
    }

    /** Days late, each started day counting whole: one second late is one day late. */
    public static int lateDays(Instant due, Instant received) {
        if (!received.isAfter(due)) {
            return 0;
        }
        Duration late = Duration.between(due, received);
        return (int) ((late.toMillis() + Duration.ofDays(1).toMillis() - 1) / Duration.ofDays(1).toMillis());
    }

    static double round(double points) {
        return Math.round(points * 100) / 100.0;
    }
}
