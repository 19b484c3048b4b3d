package faultline.grader.cli;

import faultline.grader.grading.SandboxFactory;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.sandbox.LocalSandbox;
import faultline.grader.sandbox.RunnerDistribution;
import faultline.grader.sandbox.RunnerJvm;
import faultline.grader.sandbox.Sandbox;
import faultline.grader.sandbox.SandboxKind;
import faultline.grader.sandbox.SandboxOutcome;
import faultline.grader.sandbox.SandboxRequest;
import faultline.grader.sandbox.SandboxUnavailableException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The CLI grading with the real {@link LocalSandbox} and the real suites (from the build under
 * {@code faultline.repoRoot}), announcing each start on stdout so the crash test can kill this JVM while
 * jobs are being graded.
 */
public final class CrashableGrader {

    private CrashableGrader() {
    }

    public static void main(String[] args) throws SandboxUnavailableException {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        RunnerDistribution distribution = RunnerDistribution.fromBuild(
                Path.of(System.getProperty("faultline.repoRoot", "..")).toAbsolutePath().normalize());
        SandboxFactory announcing = new SandboxFactory() {
            @Override
            public Sandbox open() {
                Sandbox sandbox = new LocalSandbox(distribution, RunnerJvm.defaults());
                return new Sandbox() {
                    @Override
                    public SandboxKind kind() {
                        return sandbox.kind();
                    }

                    @Override
                    public SandboxOutcome grade(SandboxRequest request) throws SandboxUnavailableException {
                        synchronized (out) {
                            out.println("GRADING " + request.sources());
                            out.flush();
                        }
                        return sandbox.grade(request);
                    }

                    @Override
                    public void close() {
                        sandbox.close();
                    }
                };
            }

            @Override
            public String describe() {
                return "local process (not isolated)";
            }
        };
        System.exit(Cli.builder(out, err).sandboxes(announcing).suites(SuiteCatalog.inJar(distribution.suites()))
                .build().execute(args));
    }
}
