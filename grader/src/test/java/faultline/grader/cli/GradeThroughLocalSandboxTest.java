package faultline.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.grading.SandboxFactory;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.sandbox.LocalSandbox;
import faultline.grader.sandbox.RunnerDistribution;
import faultline.grader.sandbox.RunnerJvm;
import faultline.grader.sandbox.Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline grade} end to end: the real runner in a local process, the real pingpong suite. */
class GradeThroughLocalSandboxTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static RunnerDistribution distribution;

    @TempDir
    Path dir;

    @BeforeAll
    static void findTheBuild() throws Exception {
        distribution = RunnerDistribution.fromBuild(REPO);
    }

    int grade(Path sources, StringWriter out, StringWriter err) {
        SandboxFactory local = new SandboxFactory() {
            @Override
            public Sandbox open() {
                return new LocalSandbox(distribution, RunnerJvm.defaults());
            }

            @Override
            public String describe() {
                return "local";
            }
        };
        return Cli.builder(new PrintWriter(out), new PrintWriter(err))
                .env(Map.of("FAULTLINE_DATA", dir.resolve("data").toString()))
                .sandboxes(local)
                .suites(SuiteCatalog.inJar(distribution.suites()))
                .build().execute("grade", "pingpong", sources.toString());
    }

    Path referencePingpong() throws Exception {
        Path from = REPO.resolve("reference-impl/src/main/java/faultline/labs/pingpong");
        Path to = Files.createDirectories(dir.resolve("handin/faultline/labs/pingpong"));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return dir.resolve("handin");
    }

    @Test
    void theReferencePingpongPassesEveryTestOnEverySeed() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = grade(referencePingpong(), out, err);
        assertEquals(ExitCode.OK.code(), code, out + "\n" + err);
        assertTrue(out.toString().contains("Graded by local process (not isolated)"), out.toString());
        assertTrue(out.toString().contains("PingPongSuite#"), out.toString());
        assertTrue(out.toString().matches("(?s).*Tests: (\\d+\\.\\d+) of \\1 points.*"), out.toString());
    }

    @Test
    void aSubmissionThatDoesNotCompileExitsTwoWithItsDiagnostics() throws Exception {
        Path handin = referencePingpong();
        Path server = handin.resolve("faultline/labs/pingpong/PingServer.java");
        Files.writeString(server, Files.readString(server).replaceFirst("\\{", "{ int broken = ;"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(ExitCode.SUBMISSION_ERROR.code(), grade(handin, out, err), out + "\n" + err);
        assertTrue(out.toString().contains("COMPILE_ERROR"), out.toString());
        assertTrue(out.toString().contains("PingServer.java"), out.toString());
    }
}
