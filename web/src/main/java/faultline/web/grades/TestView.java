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

    /**
     * The seeds grouped by how they ended, in the order they ran: seeds that failed alike (the same status and
     * the same message once its seed line is set aside) are one group, shown once with its seeds listed, with the
     * first seed's replay command and chart.
     */
    public List<SeedGroup> seedGroups() {
        java.util.Map<String, List<SeedView>> groups = new java.util.LinkedHashMap<>();
        for (SeedView seed : seeds) {
            String key = seed.status() + "\n" + seed.message().lines()
                    .filter(line -> !line.strip().startsWith("seed:")).collect(java.util.stream.Collectors.joining("\n"));
            groups.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(seed);
        }
        return groups.values().stream().map(alike -> new SeedGroup(alike.stream().map(SeedView::seed).toList(),
                alike.get(0))).toList();
    }

    /** Seeds that ended alike, and the first of them, which stands for all. */
    public record SeedGroup(List<Long> seeds, SeedView first) {

        public SeedGroup {
            seeds = List.copyOf(seeds);
        }

        /** "seed 3" or "seeds 1, 2 and 3". */
        public String label() {
            List<String> names = seeds.stream().map(String::valueOf).toList();
            return names.size() == 1 ? "seed " + names.get(0)
                    : "seeds " + String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        }
    }
}
