package faultline.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.LabPackages;
import faultline.runner.report.Diagnostic;
import faultline.runner.report.RunReport;
import faultline.runner.report.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cheat that once scored full marks on Labs 3 and 4: Paxos peers that "agree" through a static map every peer
 * in the JVM shares, with no consensus at all. Graded through the real suites in both sandboxes, it is refused
 * before any test runs, at the line of the map, on both labs.
 */
class SharedMemoryPaxosTest {

    private static final SandboxLimits LIMITS = new SandboxLimits(1L << 30, 1.0, 256, Duration.ofMinutes(2),
            Duration.ofSeconds(60), 64L << 10, 64L << 20);

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"paxoskv", "shardkv"})
    void peersAgreeingThroughAStaticMapAreRefusedInTheLocalSandbox(String lab) throws Exception {
        try (LocalSandbox local = new LocalSandbox(RunnerDistribution.fromBuild(SandboxFixtures.repoRoot()),
                RunnerJvm.defaults())) {
            assertRefused(local.grade(request(lab, "local")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"paxoskv", "shardkv"})
    void peersAgreeingThroughAStaticMapAreRefusedInDocker(String lab) throws Exception {
        try (DockerSandbox docker = SandboxFixtures.dockerOrSkip(
                RunnerDistribution.fromBuild(SandboxFixtures.repoRoot()), RunnerJvm.defaults())) {
            assertRefused(docker.grade(request(lab, "docker")));
        }
    }

    private static void assertRefused(SandboxOutcome outcome) {
        assertEquals(Verdict.API_VIOLATION, outcome.verdict(), outcome.message() + "\n" + outcome.log());
        RunReport report = outcome.report().orElseThrow();
        assertTrue(report.tests().isEmpty(), "no test ran, so no points: " + report.tests());
        List<Diagnostic> found = report.diagnostics();
        assertEquals(1, found.size(), found::toString);
        assertEquals("faultline/labs/paxos/Paxos.java", found.get(0).file());
        assertTrue(found.get(0).line() > 0, found.get(0)::toString);
        assertTrue(found.get(0).message().startsWith("Lab code may not keep state outside its nodes: the field"
                + " Paxos.AGREED (Paxos.java:"), found.get(0).message());
    }

    /** The lab's reference, every package of it, with Paxos deciding from a map shared by every peer. */
    private SandboxRequest request(String lab, String sandbox) throws Exception {
        Path sources = work.resolve(lab + "-" + sandbox + "-src");
        for (String pkg : LabPackages.of(lab)) {
            Path from = SandboxFixtures.repoRoot().resolve("reference-impl/src/main/java/faultline/labs/" + pkg);
            Path to = Files.createDirectories(sources.resolve("faultline/labs/" + pkg));
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        Path paxos = sources.resolve("faultline/labs/paxos/Paxos.java");
        String original = Files.readString(paxos);
        String cheating = original
                .replace("public class Paxos extends Node {", "public class Paxos extends Node {\n"
                        + "    private static final java.util.Map<Integer, Serializable> AGREED = new java.util.TreeMap<>();")
                .replace("    public void start(int instance, Serializable value) {",
                        "    public void start(int instance, Serializable value) {\n"
                                + "        AGREED.putIfAbsent(instance, value);");
        assertTrue(!cheating.equals(original) && cheating.contains("AGREED.putIfAbsent"),
                "the reference's Paxos changed shape; update the cheat");
        Files.writeString(paxos, cheating);
        return new SandboxRequest(lab, sources, List.of(1L, 2L, 3L), LIMITS, work.resolve(lab + "-" + sandbox));
    }
}
