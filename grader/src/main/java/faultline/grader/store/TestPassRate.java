package faultline.grader.store;

/** How often one test passed over the graded runs of a lab. */
public record TestPassRate(String testId, String name, String description, int passed, int ran) {
}
