package faultline.grader.course;

/** Extra days on a lab's due date and hard end for one student. */
public record Extension(String student, String lab, int days) {
}
