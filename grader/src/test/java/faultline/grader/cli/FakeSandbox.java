package faultline.grader.cli;

import faultline.grader.grading.SandboxFactory;
import faultline.grader.sandbox.Sandbox;
import faultline.grader.sandbox.SandboxKind;
import faultline.grader.sandbox.SandboxOutcome;
import faultline.grader.sandbox.SandboxRequest;
import faultline.grader.sandbox.SandboxUnavailableException;
import faultline.runner.report.Diagnostic;
import faultline.runner.report.RunReport;
import faultline.runner.report.TestResult;
import faultline.runner.report.TestStatus;
import faultline.runner.report.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stands in for the real sandbox where the test is about the platform, not isolation. It reads markers
 * in the sources: "BROKEN" compiles badly, "FLAKY" fails test b on the second seed, anything else passes.
 */
public final class FakeSandbox implements Sandbox {

    /** What each run reports it took. */
    private static final long WORK_MILLIS = 40;

    public static SandboxFactory factory() {
        return new SandboxFactory() {
            @Override
            public Sandbox open() {
                return new FakeSandbox();
            }

            @Override
            public String describe() {
                return "fake sandbox";
            }
        };
    }

    @Override
    public SandboxKind kind() {
        return SandboxKind.LOCAL;
    }

    @Override
    public SandboxOutcome grade(SandboxRequest request) throws SandboxUnavailableException {
        String sources = read(request.sources());
        Map<String, Duration> phases = new LinkedHashMap<>();
        phases.put("start", Duration.ofMillis(5));
        phases.put("tests", Duration.ofMillis(WORK_MILLIS));
        if (sources.contains("BROKEN")) {
            RunReport report = new RunReport(request.lab(), Verdict.COMPILE_ERROR, "The submission does not compile.",
                    request.seeds(), List.of(new Diagnostic("X.java", 3, "';' expected")), List.of(), 5, Map.of());
            return new SandboxOutcome(kind(), Verdict.COMPILE_ERROR, "The submission does not compile.",
                    Optional.of(report), "compile log", false, request.artifacts().resolve("log.txt"),
                    Duration.ofMillis(10), phases);
        }
        List<TestResult> tests = new ArrayList<>();
        for (long seed : request.seeds()) {
            tests.add(result("a", 10, seed, TestStatus.PASSED));
            boolean fail = sources.contains("FLAKY") && seed == request.seeds().get(1);
            tests.add(result("b", 6, seed, fail ? TestStatus.FAILED : TestStatus.PASSED));
        }
        try {
            Files.writeString(request.artifacts().resolve("results.json"), "{}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunReport report = new RunReport(request.lab(), Verdict.COMPLETED, "", request.seeds(), List.of(), tests,
                WORK_MILLIS, Map.of("compile", 3L, "tests", WORK_MILLIS));
        return new SandboxOutcome(kind(), Verdict.COMPLETED, "The suite ran.", Optional.of(report), "log", false,
                request.artifacts().resolve("log.txt"), Duration.ofMillis(WORK_MILLIS + 10), phases);
    }

    private static TestResult result(String method, int points, long seed, TestStatus status) {
        return new TestResult("FakeSuite#" + method, "FakeSuite", method, method, "checks " + method, "BASIC", points,
                seed, status, 1, status == TestStatus.PASSED ? "" : "expected 1 but was 2",
                "faultline replay --seed " + seed, "", false, Optional.empty());
    }

    private static String read(Path root) {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    @Override
    public void close() {
    }
}
