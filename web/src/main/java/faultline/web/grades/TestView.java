package faultline.web.grades;

import java.util.List;

/** One test of a run with its points over the seeds it ran on. */
public record TestView(String testId, String displayName, String description, String category, String visibility,
                       String points, int maxPoints, int passedSeeds, int ranSeeds, boolean allPassed,
                       List<SeedView> seeds) {

    public TestView {
        seeds = List.copyOf(seeds);
    }
}
