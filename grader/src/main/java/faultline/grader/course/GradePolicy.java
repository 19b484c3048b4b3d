package faultline.grader.course;

/** Which of a student's graded submissions for a lab counts. */
public enum GradePolicy {
    /** The one with the most points after the late penalty. */
    BEST,
    /** The last one received. */
    LATEST
}
