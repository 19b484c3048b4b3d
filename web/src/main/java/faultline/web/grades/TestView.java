package faultline.web.grades;

import java.util.List;

/**
 * One test of a run with its points over the seeds it ran on. {@code name} is the test method's name, which titles
 * the test's row; {@code suite} its class.
 */
public record TestView(String testId, String name, String suite, String description, String category,
                       String visibility, String points, int maxPoints, int passedSeeds, int ranSeeds,
                       boolean allPassed, List<SeedView> seeds, boolean notCounted) {

    public TestView {
        seeds = List.copyOf(seeds);
    }
}
