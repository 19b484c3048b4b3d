package faultline.grader.cli;

import faultline.grader.grading.SandboxFactory;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.sandbox.Sandbox;
import faultline.grader.sandbox.SandboxKind;
import faultline.grader.sandbox.SandboxOutcome;
import faultline.grader.sandbox.SandboxRequest;
import faultline.grader.sandbox.SandboxUnavailableException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The CLI with a fake sandbox that takes a while per submission and announces each start on stdout,
 * so the crash test can kill this JVM while jobs are being graded.
 */
public final class CrashableGrader {

    private CrashableGrader() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        SandboxFactory announcing = new SandboxFactory() {
            @Override
            public Sandbox open() {
                FakeSandbox fake = new FakeSandbox(Long.getLong("work.millis", 300));
                return new Sandbox() {
                    @Override
                    public SandboxKind kind() {
                        return fake.kind();
                    }

                    @Override
                    public SandboxOutcome grade(SandboxRequest request) throws SandboxUnavailableException {
                        synchronized (out) {
                            out.println("GRADING " + request.sources());
                            out.flush();
                        }
                        return fake.grade(request);
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public String describe() {
                return "fake sandbox";
            }
        };
        System.exit(Cli.builder(out, err).sandboxes(announcing).suites(SuiteCatalog.of(Set.of("pbkv")))
                .build().execute(args));
    }
}
