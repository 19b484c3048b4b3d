package faultline.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import faultline.grader.course.Course;
import faultline.grader.course.CourseException;
import faultline.grader.course.CourseFile;
import faultline.runner.report.TestResult;
import faultline.runner.report.TestStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GradebookTest {

    static final Instant DUE1 = Instant.parse("2026-10-01T23:59:00Z");
    static final Instant DUE2 = Instant.parse("2026-11-01T23:59:00Z");

    static Course course(String policy, int budget) throws CourseException {
        return CourseFile.parse("""
                name: DS
                policy: %s
                late: { budget_days: %d, penalty_percent_per_day: 10 }
                extensions: [ { student: ext, lab: one, days: 3 } ]
                labs:
                  - { name: one, number: 1, title: One, release: 2026-09-01T00:00Z, due: 2026-10-01T23:59Z, hard_end: 2026-10-08T23:59Z, points: 100 }
                  - { name: two, number: 2, title: Two, release: 2026-09-01T00:00Z, due: 2026-11-01T23:59Z, hard_end: 2026-11-08T23:59Z, points: 50 }
                """.formatted(policy, budget), "test");
    }

    static Candidate at(long id, String lab, Instant received, double raw) {
        return new Candidate(id, id * 10, lab, received, raw, 20);
    }

    static TestResult result(String id, int points, long seed, TestStatus status) {
        return new TestResult(id, "C", id, id, "", "BASIC", points, seed, status, 1, "", "", "", false, Optional.empty());
    }

    @Test
    void eachTestEarnsItsPointsTimesTheFractionOfSeedsPassed() {
        RunScore score = RunScore.ofReport(List.of(
                result("a", 9, 1, TestStatus.PASSED), result("a", 9, 2, TestStatus.FAILED), result("a", 9, 3, TestStatus.PASSED),
                result("b", 6, 1, TestStatus.TIMED_OUT), result("b", 6, 2, TestStatus.ERRORED), result("b", 6, 3, TestStatus.PASSED),
                result("c", 4, 1, TestStatus.SKIPPED), result("c", 4, 2, TestStatus.PASSED)));
        assertEquals(6.0, score.tests().get(0).points(), 1e-9);
        assertEquals(2.0, score.tests().get(1).points(), 1e-9);
        assertEquals(4.0, score.tests().get(2).points(), 1e-9, "a skipped seed does not count");
        assertEquals(12.0, score.rawPoints(), 1e-9);
        assertEquals(19.0, score.maxPoints(), 1e-9);
    }

    @Test
    void lateDaysRoundUpAndOneSecondIsADay() {
        assertEquals(0, Gradebook.lateDays(DUE1, DUE1));
        assertEquals(1, Gradebook.lateDays(DUE1, DUE1.plusSeconds(1)));
        assertEquals(1, Gradebook.lateDays(DUE1, DUE1.plus(Duration.ofDays(1))));
        assertEquals(2, Gradebook.lateDays(DUE1, DUE1.plus(Duration.ofDays(1)).plusMillis(1)));
    }

    @Test
    void freeLateDaysAreSpentInLabOrderThenEachDayCostsTenPercent() throws Exception {
        Gradebook book = new Gradebook(course("best", 3));
        List<LabGrade> g = book.grade("s", Map.of(
                "one", List.of(at(1, "one", DUE1.plus(Duration.ofHours(47)), 20)),
                "two", List.of(at(2, "two", DUE2.plus(Duration.ofHours(60)), 20))));
        assertEquals(2, g.get(0).lateDays());
        assertEquals(2, g.get(0).graceDays());
        assertEquals(100.0, g.get(0).points());
        assertEquals(3, g.get(1).lateDays());
        assertEquals(1, g.get(1).graceDays(), "only one free day was left");
        assertEquals(20.0, g.get(1).penaltyPct());
        assertEquals(40.0, g.get(1).points());
    }

    @Test
    void bestTakesTheMostPointsAfterPenaltyAndLatestTakesTheLast() throws Exception {
        Map<String, List<Candidate>> subs = Map.of("one", List.of(
                at(1, "one", DUE1.minusSeconds(60), 14),
                at(2, "one", DUE1.plus(Duration.ofHours(30)), 20),
                at(3, "one", DUE1.plus(Duration.ofHours(5)), 10)));
        LabGrade best = new Gradebook(course("best", 0)).grade("s", subs).get(0);
        assertEquals(2, best.counted().submissionId(), "100 less 20% beats 70 on time");
        assertEquals(80.0, best.points());
        LabGrade latest = new Gradebook(course("latest", 0)).grade("s", subs).get(0);
        assertEquals(2, latest.counted().submissionId());
        LabGrade latestOnTime = new Gradebook(course("latest", 0)).grade("s", Map.of("one", List.of(subs.get("one").get(0),
                subs.get("one").get(2)))).get(0);
        assertEquals(3, latestOnTime.counted().submissionId());
        assertEquals(45.0, latestOnTime.points());
    }

    @Test
    void pastTheHardEndEarnsNothingAndExtensionsMoveBothDates() throws Exception {
        Gradebook book = new Gradebook(course("best", 0));
        Candidate late = at(1, "one", DUE1.plus(Duration.ofDays(8)), 20);
        assertEquals(0.0, book.grade("s", Map.of("one", List.of(late))).get(0).points());
        LabGrade extended = book.grade("ext", Map.of("one", List.of(late))).get(0);
        assertEquals(5, extended.lateDays());
        assertEquals(50.0, extended.points());
    }
}
