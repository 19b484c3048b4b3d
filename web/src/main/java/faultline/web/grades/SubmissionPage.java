package faultline.web.grades;

import java.util.List;

/**
 * Everything a submission page shows, already filtered for the viewer: tests the viewer may not see yet are
 * absent (counted in {@code withheld}), the total is blank when any test is withheld, and the log and
 * artifacts are filled for staff only. {@code courseCopies} says, in sentences, which of the submission's files grading
 * replaces with the course's or leaves out.
 */
public record SubmissionPage(long id, String lab, String labTitle, String login, String receivedAt,
                             String lateStatus, int lateDays, Progress progress, String verdict, String message,
                             String sandbox, boolean totalShown, String total, List<TestView> tests, int withheld,
                             boolean staffView, String log, boolean logTruncated, List<String> artifacts,
                             String phases, List<String> courseCopies) {

    public SubmissionPage {
        tests = List.copyOf(tests);
        artifacts = List.copyOf(artifacts);
        courseCopies = List.copyOf(courseCopies);
    }

    /**
     * One line over the results: "All 14 tests passed." or "3 of 14 tests failed: a, b and c." (of the tests the
     * viewer may see).
     */
    public String summary() {
        List<String> failed = tests.stream().filter(t -> !t.allPassed()).map(TestView::name).toList();
        if (failed.isEmpty()) {
            return tests.size() == 1 ? "The test passed." : "All " + tests.size() + " tests passed.";
        }
        String names = failed.size() == 1 ? failed.get(0)
                : String.join(", ", failed.subList(0, failed.size() - 1)) + " and " + failed.get(failed.size() - 1);
        return failed.size() + " of " + tests.size() + (tests.size() == 1 ? " test" : " tests") + " failed: " + names + ".";
    }

    /** Whether every test the viewer may see passed. */
    public boolean allPassed() {
        return tests.stream().allMatch(TestView::allPassed);
    }

    /** Whether grading ended without results: the submission did not compile, broke a rule, or crashed. */
    public boolean notGraded() {
        return !verdict.isEmpty() && !verdict.equals("COMPLETED");
    }

    /** Where the submission stands, in one phrase: "waiting in the queue", "graded", "does not compile", ... */
    public String status() {
        return faultline.grader.store.SubmissionLine.status(progress.state(), verdict);
    }
}
