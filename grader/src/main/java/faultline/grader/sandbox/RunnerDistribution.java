package faultline.grader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jars a sandbox needs: the runner and its dependencies (the sandbox runs
 * {@code java -cp runner.jar:lib/*}), the framework lab code compiles against, and the hidden suites.
 *
 * @param runnerJar the runner's own jar (main class faultline.runner.SandboxRunner)
 * @param runnerLib a folder holding the runner's runtime dependencies, jackson, asm, junit, the framework
 * @param framework the framework jar handed to javac
 * @param suites    the test-suites jar (or class folder) with package faultline.suites.&lt;lab&gt;
 */
public record RunnerDistribution(Path runnerJar, Path runnerLib, Path framework, Path suites) {

    /**
     * Finds everything in a built checkout: runner/target/faultline-runner-*.jar with runner/target/lib
     * (copied there by the runner's pom in the package phase), framework/target and test-suites/target.
     */
    public static RunnerDistribution fromBuild(Path repoRoot) throws SandboxUnavailableException {
        return fromBuild(repoRoot, jar(repoRoot.resolve("test-suites/target"), "faultline-test-suites-"));
    }

    /** As {@link #fromBuild(Path)}, with another suites jar (a fixture, a course's own suites). */
    public static RunnerDistribution fromBuild(Path repoRoot, Path suites) throws SandboxUnavailableException {
        Path runnerTarget = repoRoot.resolve("runner/target");
        Path lib = runnerTarget.resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new SandboxUnavailableException("The runner's dependencies are missing (" + lib
                    + "). Build it first: mvn -pl runner -am package -DskipTests");
        }
        return new RunnerDistribution(jar(runnerTarget, "faultline-runner-"), lib,
                jar(repoRoot.resolve("framework/target"), "faultline-framework-"), suites);
    }

    /** The class path inside a machine where {@code root} holds runner.jar and lib/. */
    public List<Path> classpath() throws SandboxUnavailableException {
        try (Stream<Path> jars = Files.list(runnerLib)) {
            return Stream.concat(Stream.of(runnerJar), jars.filter(p -> p.toString().endsWith(".jar")).sorted()).toList();
        } catch (IOException e) {
            throw new SandboxUnavailableException("The runner's dependencies cannot be read from " + runnerLib + ".", e);
        }
    }

    private static Path jar(Path folder, String prefix) throws SandboxUnavailableException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(".jar") && !n.endsWith("-sources.jar") && !n.endsWith("-tests.jar");
            }).findFirst().orElseThrow(() -> new IOException("no " + prefix + "*.jar"));
        } catch (IOException e) {
            throw new SandboxUnavailableException("No " + prefix + "*.jar in " + folder
                    + ". Build it first: mvn -pl runner,framework,test-suites -am package -DskipTests", e);
        }
    }
}
