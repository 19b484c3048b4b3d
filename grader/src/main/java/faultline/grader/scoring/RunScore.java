package faultline.grader.scoring;

import faultline.runner.report.TestResult;
import faultline.runner.report.TestStatus;
import faultline.grader.store.TestResultRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run's points: the sum over tests of points times seeds passed over seeds run. */
public record RunScore(List<TestScore> tests, double rawPoints, double maxPoints) {

    public RunScore {
        tests = List.copyOf(tests);
    }

    public static RunScore none() {
        return new RunScore(List.of(), 0, 0);
    }

    public static RunScore ofReport(List<TestResult> results) {
        return of(results.stream().map(r -> new Row(r.id(), r.displayName(), r.description(), r.category(),
                r.maxPoints(), r.seed(), r.status(), r.message(), r.replay(), r.output())).toList());
    }

    public static RunScore ofRows(List<TestResultRow> results) {
        return of(results.stream().map(r -> new Row(r.testId(), r.displayName(), r.description(), r.category(),
                r.maxPoints(), r.seed(), r.status(), r.message(), r.replay(), r.output())).toList());
    }

    private record Row(String id, String displayName, String description, String category, int maxPoints, long seed,
                       TestStatus status, String message, String replay, String output) {
    }

    private static RunScore of(List<Row> rows) {
        Map<String, List<Row>> byTest = new LinkedHashMap<>();
        for (Row r : rows) {
            byTest.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
        }
        List<TestScore> tests = new ArrayList<>();
        double raw = 0;
        double max = 0;
        for (List<Row> seeds : byTest.values()) {
            Row first = seeds.get(0);
            // A skipped seed did not run; it neither earns nor counts against the test.
            List<Row> ran = seeds.stream().filter(r -> r.status() != TestStatus.SKIPPED).toList();
            int passed = (int) ran.stream().filter(r -> r.status() == TestStatus.PASSED).count();
            double points = ran.isEmpty() ? 0 : first.maxPoints() * (double) passed / ran.size();
            tests.add(new TestScore(first.id(), first.displayName(), first.description(), first.category(),
                    first.maxPoints(), passed, ran.size(), points, seeds.stream().map(r -> new TestScore.SeedOutcome(
                    r.seed(), r.status().name(), r.message(), r.replay(), r.output())).toList()));
            raw += points;
            max += first.maxPoints();
        }
        return new RunScore(tests, raw, max);
    }
}
