package faultline.grader.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The runner's command line, the same for every sandbox; only the paths differ (host or container). */
final class RunnerInvocation {

    static final String MAIN = "faultline.runner.SandboxRunner";

    private RunnerInvocation() {
    }

    /** Per-test output kept in results.json: a quarter of the log cap, so a few noisy tests still fit. */
    static long perTestOutputCap(SandboxLimits limits) {
        return Math.max(1024, limits.outputBytes() / 4);
    }

    static List<String> command(String java, List<String> jvmArgs, String classpath, SandboxRequest request,
                                String sources, String framework, String suites, String out, String work) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", classpath, MAIN,
                "--lab", request.lab(),
                "--sources", sources,
                "--framework", framework,
                "--suites", suites,
                "--out", out,
                "--work", work,
                "--seeds", request.seeds().stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--test-timeout", String.valueOf(request.limits().perTest().toMillis() / 1000.0),
                "--output-cap", String.valueOf(perTestOutputCap(request.limits())),
                // The runner stops itself shortly past this, so a run outlives a dead grader only briefly.
                "--deadline", String.valueOf(request.limits().wallClock().toMillis() / 1000.0),
                "--replay", request.replayTemplate()));
        request.only().ifPresent(test -> cmd.addAll(List.of("--only", test.toString())));
        return cmd;
    }
}
