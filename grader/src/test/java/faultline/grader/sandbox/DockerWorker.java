package faultline.grader.sandbox;

import faultline.grader.cli.Cli;
import faultline.grader.grading.SandboxFactory;
import faultline.grader.grading.SuiteCatalog;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code faultline} as a worker host runs it, grading in the real {@link DockerSandbox} with the runner and
 * suites as built under {@code faultline.repoRoot} (the installed distribution finds them beside itself).
 */
public final class DockerWorker {

    private DockerWorker() {
    }

    public static void main(String[] args) throws SandboxUnavailableException {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        RunnerDistribution distribution = RunnerDistribution.fromBuild(
                Path.of(System.getProperty("faultline.repoRoot", "..")).toAbsolutePath().normalize());
        SandboxFactory docker = new SandboxFactory() {
            @Override
            public Sandbox open() throws SandboxUnavailableException {
                return DockerSandbox.connect(distribution, RunnerJvm.defaults());
            }

            @Override
            public String describe() {
                return "docker (isolated)";
            }
        };
        System.exit(Cli.builder(out, err).sandboxes(docker).suites(SuiteCatalog.inJar(distribution.suites())).build()
                .execute(args));
    }
}
