package faultline.web.grades;

import faultline.grader.course.LabConfig;
import faultline.grader.grading.Grader;
import faultline.skeleton.handout.Handout;
import faultline.web.account.Viewer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A lab's handout zip (skeleton, public tests, framework) built by the skeleton tool, once per lab and
 * process, and offered to students once the lab is released (staff any time).
 */
public final class Handouts {

    private final Grader grader;
    private final Times times;

    public Handouts(Grader grader, Times times) {
        this.grader = grader;
        this.times = times;
    }

    public Path zip(Viewer viewer, String labName) {
        LabConfig lab = grader.course().lab(labName)
                .orElseThrow(() -> new NotFoundException("There is no lab '" + labName + "' in this course."));
        if (!grader.hasSuite(lab.name())) {
            throw new NotFoundException(lab.title() + " has no suite yet, so it has no handout. It appears here once "
                    + "the course adds the lab's tests.");
        }
        if (!viewer.isStaff() && grader.clock().instant().isBefore(lab.release())) {
            throw new NotReleasedException(lab.title() + " is not released yet. Its handout opens "
                    + times.at(lab.release()) + "; come back then.");
        }
        Path out = grader.data().scratch().resolve("handouts").resolve("faultline-" + lab.name() + ".zip");
        synchronized (this) {
            if (!Files.isRegularFile(out)) {
                try {
                    Files.createDirectories(out.getParent());
                    Path partial = Files.createTempFile(out.getParent(), "handout", ".part");
                    Handout.build(lab.name(), partial);
                    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not build the handout of " + labName + ": " + e.getMessage(), e);
                } catch (IllegalArgumentException e) {
                    throw new NotFoundException("Lab " + labName + " has no handout in this build: " + e.getMessage());
                }
            }
        }
        return out;
    }
}
