package faultline.grader.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the fixed per-submission cost of each sandbox on a trivial lab (the echo fixture, all tests
 * passing): phase medians over N runs after one warm-up. "jvm" is run time not spent in the runner's
 * own phases (JVM start, class loading, exit). Run:
 * {@code mvn -pl grader exec:java -Dexec.classpathScope=test -Dexec.mainClass=faultline.grader.sandbox.OverheadBenchmark -Dexec.args=5}
 */
public final class OverheadBenchmark {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        RunnerDistribution distribution = SandboxFixtures.echoDistribution();
        SandboxLimits limits = SandboxLimits.defaults();
        try (LocalSandbox local = new LocalSandbox(distribution, RunnerJvm.defaults())) {
            measure(local, limits, runs);
        }
        try {
            long t = System.nanoTime();
            try (DockerSandbox docker = DockerSandbox.connect(distribution, RunnerJvm.defaults())) {
                System.out.printf("docker image %s: %.1f MB, %s in %d ms%n", docker.image().reference(),
                        docker.image().sizeBytes() / 1e6, docker.image().reused() ? "reused" : "built",
                        (System.nanoTime() - t) / 1_000_000);
                measure(docker, limits, runs);
            }
        } catch (SandboxUnavailableException e) {
            System.out.println("docker: not measured: " + e.getMessage());
        }
    }

    private static void measure(Sandbox sandbox, SandboxLimits limits, int runs) throws Exception {
        Map<String, List<Long>> phases = new LinkedHashMap<>();
        for (int i = 0; i <= runs; i++) {
            Path artifacts = Files.createTempDirectory("faultline-bench-");
            SandboxOutcome outcome = sandbox.grade(new SandboxRequest("echo", SandboxFixtures.submission("good"),
                    List.of(1L), limits, artifacts));
            LocalSandbox.deleteTree(artifacts);
            if (i == 0) {
                continue;
            }
            Map<String, Duration> p = new LinkedHashMap<>(outcome.phases());
            long inRunner = millis(p, "compile") + millis(p, "check") + millis(p, "tests");
            p.put("jvm", Duration.ofMillis(millis(p, "run") - inRunner));
            p.put("total", outcome.elapsed());
            p.forEach((k, v) -> phases.computeIfAbsent(k, x -> new ArrayList<>()).add(v.toMillis()));
            if (!outcome.verdict().name().equals("COMPLETED")) {
                throw new IllegalStateException("The trivial lab did not complete: " + outcome.message());
            }
        }
        StringBuilder line = new StringBuilder(String.format("%-28s", sandbox.kind().label()));
        phases.forEach((k, v) -> line.append(String.format(" %s=%d", k, median(v))));
        System.out.println(line.append("  (median ms of ").append(runs).append(" runs)"));
    }

    private static long millis(Map<String, Duration> phases, String key) {
        return phases.getOrDefault(key, Duration.ZERO).toMillis();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
