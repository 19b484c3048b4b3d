package faultline.runner;

import faultline.runner.suite.TestId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one run of the runner is told to do.
 *
 * @param sources        the folder of the student's .java files (read only)
 * @param framework      the framework jar (or class folder) lab code compiles against
 * @param suites         the hidden suites jar (or class folder); the lab's suites are the classes in
 *                       package {@code faultline.suites.<lab>}
 * @param out            where results.json and traces/ go
 * @param work           scratch space for compiled classes
 * @param perTest        preemptive timeout for one test invocation
 * @param outputCap      bytes of output kept per test (and for the run outside tests)
 * @param replayTemplate how to replay one test on one seed; {lab} {class} {method} {test} {seed} are filled in ({class} is the simple name, as the test kit fills it)
 * @param only           when present, run only this test of the suite ({@code --only Class#method}, the class by
 *                       simple name as the replay hint prints it): what {@code faultline replay} asks for
 * @param deadline       when present, the whole run's deadline, counted from the runner's start: shortly past it
 *                       the runner stops itself, so a run whose grader died (and so can no longer stop it) ends
 */
public record RunnerArgs(String lab, Path sources, Path framework, Path suites, List<Long> seeds, Duration perTest,
                         Path out, Path work, int outputCap, String replayTemplate, Optional<TestId> only,
                         Optional<Duration> deadline) {

    public static final String DEFAULT_REPLAY = "faultline replay --lab {lab} --test {class}#{method} --seed {seed}";

    public RunnerArgs {
        seeds = List.copyOf(seeds);
    }

    /** A run of the whole suite. */
    public RunnerArgs(String lab, Path sources, Path framework, Path suites, List<Long> seeds, Duration perTest,
                      Path out, Path work, int outputCap, String replayTemplate) {
        this(lab, sources, framework, suites, seeds, perTest, out, work, outputCap, replayTemplate, Optional.empty(),
                Optional.empty());
    }

    static final String USAGE = String.join("\n",
            "usage: SandboxRunner --lab NAME --sources DIR --framework JAR --suites JAR --out DIR",
            "                     [--seeds 1,2,3] [--test-timeout SECONDS] [--work DIR] [--output-cap BYTES]",
            "                     [--replay TEMPLATE] [--only Class#method] [--deadline SECONDS]");

    /** Parses the command line; a mistake is reported as a sentence with the usage. */
    static RunnerArgs parse(String[] argv) {
        String lab = null;
        Path sources = null;
        Path framework = null;
        Path suites = null;
        Path out = null;
        Optional<Path> work = Optional.empty();
        List<Long> seeds = List.of(1L);
        Duration perTest = Duration.ofSeconds(60);
        int cap = 16 * 1024;
        String replay = System.getProperty("faultline.replayCommand", DEFAULT_REPLAY);
        Optional<TestId> only = Optional.empty();
        Optional<Duration> deadline = Optional.empty();
        for (int i = 0; i < argv.length; i++) {
            String flag = argv[i];
            if (i + 1 >= argv.length) {
                throw new IllegalArgumentException("Option " + flag + " needs a value.\n" + USAGE);
            }
            String value = argv[++i];
            switch (flag) {
                case "--lab" -> lab = value;
                case "--sources" -> sources = Path.of(value);
                case "--framework" -> framework = Path.of(value);
                case "--suites" -> suites = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--work" -> work = Optional.of(Path.of(value));
                case "--seeds" -> seeds = parseSeeds(value);
                case "--test-timeout" -> perTest = seconds(value);
                case "--deadline" -> deadline = Optional.of(seconds(value));
                case "--output-cap" -> cap = Integer.parseInt(value);
                case "--replay" -> replay = value;
                case "--only" -> only = Optional.of(TestId.parse(value));
                default -> throw new IllegalArgumentException("Unknown option " + flag + ".\n" + USAGE);
            }
        }
        if (lab == null || sources == null || framework == null || suites == null || out == null) {
            throw new IllegalArgumentException("Options --lab, --sources, --framework, --suites and --out are required.\n"
                    + USAGE);
        }
        Path workDir = work.orElse(Path.of(System.getProperty("java.io.tmpdir"), "faultline-work"));
        return new RunnerArgs(lab, sources, framework, suites, seeds, perTest, out, workDir, cap, replay, only,
                deadline);
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    static List<Long> parseSeeds(String list) {
        List<Long> seeds = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                seeds.add(Long.parseLong(part.trim()));
            }
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("Give at least one seed, e.g. --seeds 1,2,3.");
        }
        return seeds;
    }
}
