package faultline.grader.store;

/** One test in the run that stands for a submission: what the visibility rules are decided on. */
public record GradedTest(long submissionId, String testId, String category) {
}
