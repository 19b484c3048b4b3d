package faultline.web.grades;

import faultline.grader.course.CourseException;
import faultline.grader.grading.Grader;
import faultline.grader.store.AuditLog;
import faultline.grader.store.JobReason;
import faultline.grader.store.ScoreDao;
import faultline.grader.store.ScoreRow;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.User;
import faultline.grader.store.UserDao;
import faultline.grader.users.Users;
import faultline.web.account.Viewer;
import faultline.web.data.PublishedLabDao;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Instructor actions: queue regrades (the running workers pick them up; scores keep their history), import a
 * roster through the grader's users service, and publish a lab's after_published results.
 */
public final class CourseAdmin {

    /** Which submission of each student a batch regrade takes. */
    public enum Which { LATEST, BEST }

    private final Grader grader;
    private final Users users;

    public CourseAdmin(Grader grader, Users users) {
        this.grader = grader;
        this.users = users;
    }

    /** Queues one submission for grading again. */
    public long regrade(Viewer viewer, long submissionId) {
        Staff.requireInstructor(viewer);
        Submission s = grader.db().read(h -> h.attach(SubmissionDao.class).byId(submissionId))
                .orElseThrow(() -> new NotFoundException("There is no submission " + submissionId + "."));
        long job = grader.queue().enqueue(s.id(), JobReason.REGRADE);
        audit(viewer, "regrade", "submission " + s.id(), "job=" + job);
        return job;
    }

    /** Queues every student's latest (or best-counting) submission of a lab; returns how many. */
    public int regradeLab(Viewer viewer, String lab, Which which) throws CourseException {
        Staff.requireInstructor(viewer);
        grader.intake().gradableLab(lab);
        List<User> all = grader.db().read(h -> h.attach(UserDao.class).all());
        int queued = 0;
        for (User u : all) {
            List<Submission> subs = grader.db().read(h -> h.attach(SubmissionDao.class).of(u.id(), lab));
            if (subs.isEmpty()) {
                continue;
            }
            Optional<ScoreRow> current = grader.db().read(h -> h.attach(ScoreDao.class).current(u.id(), lab));
            long target = which == Which.BEST && current.isPresent() ? current.get().submissionId()
                    : subs.get(subs.size() - 1).id();
            grader.queue().enqueue(target, JobReason.REGRADE);
            queued++;
        }
        audit(viewer, "regrade.batch", "lab " + lab, "which=" + which + " queued=" + queued);
        return queued;
    }

    public Users.Imported importRoster(Viewer viewer, byte[] csv) throws IOException {
        Staff.requireInstructor(viewer);
        Path file = Files.createTempFile("faultline-roster", ".csv");
        try {
            Files.writeString(file, new String(csv, StandardCharsets.UTF_8));
            Users.Imported imported = users.importRoster(file, viewer.login());
            audit(viewer, "roster.import", "roster", "added=" + imported.added() + " updated=" + imported.updated());
            return imported;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    public void publish(Viewer viewer, String lab, boolean published) {
        Staff.requireInstructor(viewer);
        grader.course().lab(lab).orElseThrow(() -> new NotFoundException("There is no lab '" + lab + "'."));
        grader.db().write(h -> {
            PublishedLabDao dao = h.attach(PublishedLabDao.class);
            if (published) {
                dao.publish(lab, grader.clock().instant(), viewer.login());
            } else {
                dao.withdraw(lab);
            }
            h.attach(AuditLog.class).append(grader.clock().instant(), viewer.login(),
                    published ? "lab.publish" : "lab.withdraw", "lab " + lab, "");
            return null;
        });
    }

    public java.util.Set<String> published() {
        return grader.db().read(h -> h.attach(PublishedLabDao.class).published());
    }

    private void audit(Viewer viewer, String action, String subject, String detail) {
        grader.db().write(h -> {
            h.attach(AuditLog.class).append(grader.clock().instant(), viewer.login(), action, subject, detail);
            return null;
        });
    }
}
