package faultline.grader.cli;

import faultline.grader.grading.SandboxFactory;
import faultline.grader.grading.ReferenceSolutions;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.sandbox.DockerSandbox;
import faultline.grader.sandbox.LocalSandbox;
import faultline.grader.sandbox.RunnerDistribution;
import faultline.grader.sandbox.RunnerJvm;
import faultline.grader.sandbox.Sandbox;
import faultline.grader.sandbox.SandboxImage;
import faultline.grader.sandbox.SandboxSelection;
import faultline.grader.sandbox.SandboxUnavailableException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Chooses the sandbox the CLI grades with, from a built checkout ({@code FAULTLINE_HOME}, else the current
 * folder): Docker when an engine answers, else the local process sandbox (not isolated).
 * {@code FAULTLINE_SANDBOX=local} or {@code docker} forces one.
 */
final class Sandboxes {

    /** What the CLI needs from the sandbox side: how to open sandboxes, which suites exist, how to build the image. */
    record Standard(SandboxFactory sandboxes, SuiteCatalog suites, Optional<Callable<String>> imageBuilder,
                    ReferenceSolutions references) {
    }

    private Sandboxes() {
    }

    static Standard detect(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("FAULTLINE_HOME", "."));
        RunnerDistribution distribution;
        try {
            distribution = RunnerDistribution.fromBuild(home);
        } catch (SandboxUnavailableException e) {
            return new Standard(unavailable(e.getMessage()), SuiteCatalog.classpath(), Optional.empty(),
                    ReferenceSolutions.none());
        }
        String forced = env.getOrDefault("FAULTLINE_SANDBOX", "");
        RunnerJvm jvm = RunnerJvm.defaults();
        SandboxFactory factory = new SandboxFactory() {
            private String reason = "";

            @Override
            public synchronized Sandbox open() throws SandboxUnavailableException {
                if (forced.equals("local")) {
                    reason = "local process (not isolated), as FAULTLINE_SANDBOX=local asks";
                    return new LocalSandbox(distribution, jvm);
                }
                if (forced.equals("docker")) {
                    reason = "docker (isolated), as FAULTLINE_SANDBOX=docker asks";
                    return DockerSandbox.connect(distribution, jvm);
                }
                SandboxSelection selection = SandboxSelection.choose(distribution, jvm);
                reason = selection.reason();
                return selection.sandbox();
            }

            @Override
            public synchronized String describe() {
                if (reason.isEmpty()) {
                    return forced.isEmpty() ? "Docker if an engine answers, else a local process (not isolated)"
                            : forced;
                }
                return reason;
            }
        };
        Callable<String> image = () -> {
            try (DockerSandbox docker = DockerSandbox.connect(distribution, jvm)) {
                SandboxImage.Built built = docker.image();
                return String.format("Sandbox image %s %s (%.0f MB).", built.reference(),
                        built.reused() ? "is already built" : "built in " + built.took().toMillis() + " ms",
                        built.sizeBytes() / 1e6);
            }
        };
        // Workers calibrate with the references the distribution carries, the ones `faultline demo` grades.
        return new Standard(factory, SuiteCatalog.inJar(distribution.suites()), Optional.of(image),
                ReferenceSolutions.inCheckout(home));
    }

    static SandboxFactory unavailable() {
        return unavailable("No sandbox is available in this build of the grader. Build the runner module and try again.");
    }

    /** Every open fails as the platform's trouble, with the reason the real sandbox could not be found. */
    static SandboxFactory unavailable(String why) {
        return new SandboxFactory() {
            @Override
            public Sandbox open() throws SandboxUnavailableException {
                throw new SandboxUnavailableException(why);
            }

            @Override
            public String describe() {
                return "no sandbox (" + why + ")";
            }
        };
    }
}
