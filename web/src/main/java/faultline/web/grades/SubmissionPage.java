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

    /** Where the submission stands, in one phrase: "waiting in the queue", "graded", "does not compile", ... */
    public String status() {
        return faultline.grader.store.SubmissionLine.status(progress.state(), verdict);
    }
}
