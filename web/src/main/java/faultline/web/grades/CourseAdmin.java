package faultline.web.grades;

import faultline.grader.course.CourseException;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Regrade;
import faultline.grader.records.Calibrations;
import faultline.grader.users.Users;
import faultline.web.account.Viewer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Instructor actions: queue regrades (the running workers pick them up; scores keep their history), import a
 * roster through the grader's users service, publish a lab's after_published results, put a worker back in
 * rotation and decide tests calibration flagged. Which submission a
 * regrade takes is the grader's rule ({@link Regrade}), the same the command line uses.
 */
public final class CourseAdmin {

    private final Grader grader;

    public CourseAdmin(Grader grader) {
        this.grader = grader;
    }

    /** Queues one submission for grading again. */
    public long regrade(Viewer viewer, long submissionId) {
        Staff.requireInstructor(viewer);
        grader.records().submission(submissionId)
                .orElseThrow(() -> new NotFoundException("There is no submission " + submissionId + "."));
        return grader.regrade(submissionId, viewer.login());
    }

    /** Queues every student's latest (or best-counting) submission of a lab; returns how many. */
    public int regradeLab(Viewer viewer, String lab, Regrade.Which which) throws CourseException {
        Staff.requireInstructor(viewer);
        return grader.regrade(lab, which, Optional.empty(), viewer.login()).size();
    }

    public Users.Imported importRoster(Viewer viewer, byte[] csv) throws IOException {
        Staff.requireInstructor(viewer);
        Path file = Files.createTempFile("faultline-roster", ".csv");
        try {
            Files.writeString(file, new String(csv, StandardCharsets.UTF_8));
            Users.Imported imported = grader.users().importRoster(file, viewer.login());
            audit(viewer, "roster.import", "roster", "added=" + imported.added() + " updated=" + imported.updated());
            return imported;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Puts a worker that calibration took out of rotation back (audited by the grader). */
    public void returnToRotation(Viewer viewer, String worker) {
        Staff.requireInstructor(viewer);
        if (!grader.calibrations().returnToRotation(worker, viewer.login())) {
            throw new NotFoundException("Worker " + worker + " is not out of rotation, so there is nothing to put back. "
                    + "Reload the queue page to see the workers as they are now.");
        }
    }

    /**
     * Decides a test calibration flagged: count its failures again, or never count them for that suite. The grader
     * audits it and recomputes the lab's current scores.
     */
    public void decideFlag(Viewer viewer, String lab, String suiteDigest, String test, Calibrations.Decision decision) {
        Staff.requireInstructor(viewer);
        try {
            grader.calibrations().decide(lab, suiteDigest, test, decision, viewer.login());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    public void publish(Viewer viewer, String lab, boolean published) {
        Staff.requireInstructor(viewer);
        grader.course().lab(lab).orElseThrow(() -> new NotFoundException("There is no lab '" + lab + "'."));
        grader.records().publish(lab, published, viewer.login());
    }

    public java.util.Set<String> published() {
        return grader.records().publishedLabs();
    }

    private void audit(Viewer viewer, String action, String subject, String detail) {
        grader.records().audit(viewer.login(), action, subject, detail);
    }
}
