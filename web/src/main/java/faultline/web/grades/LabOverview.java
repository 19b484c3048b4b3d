package faultline.web.grades;

/** A lab as a student's lab list shows it; every field is ready to print. */
public record LabOverview(String name, int number, String title, String release, String due, String hardEnd,
                          int points, String score, int submissions, boolean open, String status) {
}
