package faultline.grader.scoring;

import java.util.List;

/** One test over all its seeds: it earns {@code maxPoints} times the fraction of seeds passed. */
public record TestScore(String testId, String displayName, String description, String category, int maxPoints,
                        int seedsPassed, int seedsRun, double points, List<SeedOutcome> seeds) {

    public TestScore {
        seeds = List.copyOf(seeds);
    }

    public boolean passedAll() {
        return seedsRun > 0 && seedsPassed == seedsRun;
    }

    /** How the test went on one seed, with what replays it. */
    public record SeedOutcome(long seed, String status, String message, String replay, String output) {
    }
}
