package faultline.grader.sandbox;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;

/** The corpus under src/test/resources/sandbox and the runner as the reactor built it. */
final class SandboxFixtures {

    private SandboxFixtures() {
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("faultline.repoRoot", "..")).toAbsolutePath().normalize();
    }

    static Path resource(String name) {
        try {
            return Path.of(SandboxFixtures.class.getResource("/sandbox/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path submission(String name) {
        return resource("hostile/" + name);
    }

    /** The echo suite compiled into a class folder under target/, shared by every sandbox test in this JVM. */
    static synchronized Path echoSuites() throws IOException {
        Path out = repoRoot().resolve("grader/target/sandbox-suites");
        if (Files.exists(out.resolve("faultline/suites/echo/EchoTest.class"))) {
            return out;
        }
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-implicit:none", "-d",
                out.toString(), "-classpath",
                System.getProperty("java.class.path") + File.pathSeparator + submission("good")));
        try (Stream<Path> files = Files.walk(resource("suite"))) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("The echo suite fixture does not compile.");
        }
        return out;
    }

    static RunnerDistribution echoDistribution() throws IOException, SandboxUnavailableException {
        return RunnerDistribution.fromBuild(repoRoot(), echoSuites());
    }

    /** Skips when no engine answers, unless -Dfaultline.requireDocker=true (CI), where it fails. */
    static DockerSandbox dockerOrSkip(RunnerDistribution distribution, RunnerJvm jvm) {
        try {
            return DockerSandbox.connect(distribution, jvm);
        } catch (SandboxUnavailableException e) {
            if (Boolean.getBoolean("faultline.requireDocker")) {
                throw new AssertionError("Docker is required (faultline.requireDocker=true) but: " + e.getMessage(), e);
            }
            Assumptions.abort("Docker tests skipped: " + e.getMessage());
            throw new IllegalStateException("unreachable");
        }
    }
}
