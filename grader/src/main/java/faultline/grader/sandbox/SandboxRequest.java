package faultline.grader.sandbox;

import faultline.runner.RunnerArgs;
import faultline.runner.suite.TestId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One grading run: the lab, the folder of the student's sources (as validated and unpacked),
 * the seeds each test runs on, the limits, and where artifacts (results.json, traces, the full
 * log) are to be copied.
 *
 * @param only           when present, run just this test of the lab's suite instead of all of it (a replay)
 * @param replayTemplate how each result's replay hint reads (see {@link RunnerArgs#replayTemplate()})
 */
public record SandboxRequest(String lab, Path sources, List<Long> seeds, SandboxLimits limits, Path artifacts,
                             Optional<TestId> only, String replayTemplate) {

    public SandboxRequest {
        seeds = List.copyOf(seeds);
    }

    /** A run of the lab's whole suite, as grading does. */
    public SandboxRequest(String lab, Path sources, List<Long> seeds, SandboxLimits limits, Path artifacts) {
        this(lab, sources, seeds, limits, artifacts, Optional.empty(), RunnerArgs.DEFAULT_REPLAY);
    }

    /** A run of one test on one seed: what {@code faultline replay} asks for. */
    public static SandboxRequest replay(String lab, Path sources, TestId test, long seed, SandboxLimits limits,
                                        Path artifacts) {
        return new SandboxRequest(lab, sources, List.of(seed), limits, artifacts, Optional.of(test),
                RunnerArgs.DEFAULT_REPLAY);
    }

    /**
     * The same run with replay hints that name the stored submission ({@code ... --submission 17}): the
     * sources are not in the hint otherwise, and a TA should be able to paste it as printed.
     */
    public SandboxRequest ofStoredSubmission(long submissionId) {
        return new SandboxRequest(lab, sources, seeds, limits, artifacts, only,
                RunnerArgs.DEFAULT_REPLAY + " --submission " + submissionId);
    }
}
