package faultline.web.grades;

import faultline.grader.course.LabConfig;
import faultline.grader.grading.Grader;
import faultline.grader.records.LabFigures;
import faultline.grader.store.ScoreRow;
import faultline.grader.store.TestPassRate;
import faultline.web.account.Viewer;
import faultline.web.render.Charts;
import java.util.ArrayList;
import java.util.List;

/** Per-lab figures for staff: how current grades are spread, and how often each test passes. */
public final class LabStatistics {

    private static final int BINS = 10;

    private final Grader grader;

    public LabStatistics(Grader grader) {
        this.grader = grader;
    }

    /** The lab's charts and numbers; the charts are SVG ready to embed. */
    public record Stats(String lab, String title, int graded, String mean, String median, String distributionSvg,
                        String passRateSvg, List<TestPassRate> tests) {
    }

    public Stats of(Viewer viewer, String labName) {
        Staff.require(viewer);
        LabConfig lab = grader.course().lab(labName)
                .orElseThrow(() -> new NotFoundException("There is no lab '" + labName + "' in this course."));
        LabFigures figures = grader.records().labFigures(lab.name());
        List<Double> grades = figures.currentScores().stream().map(ScoreRow::points).sorted().toList();
        int[] counts = new int[BINS];
        for (double g : grades) {
            double f = lab.points() <= 0 ? 0 : g / lab.points();
            counts[Math.min(BINS - 1, Math.max(0, (int) Math.floor(f * BINS)))]++;
        }
        List<String> bins = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < BINS; i++) {
            bins.add(i * 10 + (i == BINS - 1 ? "-100%" : "%"));
            values.add(counts[i]);
        }
        List<TestPassRate> tests = figures.tests();
        String mean = grades.isEmpty() ? "-" : Submissions.points(Submissions.round2(
                grades.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        String median = grades.isEmpty() ? "-" : Submissions.points(grades.get(grades.size() / 2));
        return new Stats(lab.name(), lab.title(), grades.size(), mean, median,
                Charts.histogram("Current grades of " + lab.name() + " (percent of " + lab.points() + " points)",
                        bins, values),
                Charts.fractions("Pass rate per test over all graded runs of " + lab.name(),
                        tests.stream().map(TestPassRate::name).toList(),
                        tests.stream().map(t -> t.ran() == 0 ? 0.0 : (double) t.passed() / t.ran()).toList()),
                tests);
    }
}
