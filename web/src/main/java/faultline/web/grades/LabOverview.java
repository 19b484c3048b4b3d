package faultline.web.grades;

/**
 * A lab as a student's lab list shows it; every field is ready to print. {@code graded} says whether the lab
 * has a hidden suite (without one there is nothing to hand out or submit); {@code handout} whether this viewer
 * may download the handout now.
 */
public record LabOverview(String name, int number, String title, String release, String due, String hardEnd,
                          int points, String score, int submissions, boolean open, String status, boolean graded,
                          boolean handout) {
}
