package faultline.grader.cli;

import faultline.grader.grading.SandboxFactory;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.sandbox.Sandbox;
import faultline.grader.sandbox.SandboxKind;
import faultline.grader.sandbox.SandboxOutcome;
import faultline.grader.sandbox.SandboxRequest;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The CLI with a sandbox that never finishes a run: it says GRADING and waits until the process is killed, so
 * a test can kill a grader that certainly holds a job.
 */
public final class StuckGrader {

    private StuckGrader() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        SandboxFactory stuck = new SandboxFactory() {
            @Override
            public Sandbox open() {
                return new Sandbox() {
                    @Override
                    public SandboxKind kind() {
                        return SandboxKind.LOCAL;
                    }

                    @Override
                    public SandboxOutcome grade(SandboxRequest request) {
                        synchronized (out) {
                            out.println("GRADING " + request.sources());
                            out.flush();
                        }
                        try {
                            new CountDownLatch(1).await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new IllegalStateException("interrupted while stuck");
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public String describe() {
                return "a sandbox that never finishes";
            }
        };
        System.exit(Cli.builder(out, err).sandboxes(stuck).suites(SuiteCatalog.of(Set.of("pingpong")))
                .build().execute(args));
    }
}
