package faultline.grader.cli;

import faultline.grader.course.CourseException;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Intake;
import faultline.grader.grading.SandboxFactory;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.sandbox.Sandbox;
import faultline.grader.sandbox.SandboxKind;
import faultline.grader.sandbox.SandboxOutcome;
import faultline.grader.sandbox.SandboxRequest;
import faultline.grader.sandbox.SandboxUnavailableException;
import faultline.grader.submission.SubmissionRejectedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code faultline} with {@link FakeSandbox} made to take {@code -Dfaultline.fakeMillis} (default 300) of wall time
 * per job, as a real sandbox would, announcing each start on stdout ("GRADING ...") so that a test can kill the JVM
 * while it grades. The platform is real: the worker command, leases, the shared database. With
 * {@code -Dfaultline.calibrate=true} pbkv's suite has a digest and a reference, so the worker calibrates first.
 */
public final class SlowFakeWorker {

    private SlowFakeWorker() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        long millis = Long.getLong("faultline.fakeMillis", 300);
        SandboxFactory slow = new SandboxFactory() {
            @Override
            public Sandbox open() {
                FakeSandbox fake = new FakeSandbox();
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
                        try {
                            Thread.sleep(millis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new SandboxUnavailableException("interrupted while grading");
                        }
                        return fake.grade(request);
                    }

                    @Override
                    public void close() {
                        fake.close();
                    }
                };
            }

            @Override
            public String describe() {
                return "fake sandbox (" + millis + " ms a job)";
            }
        };
        Cli.Builder cli = Cli.builder(out, err).sandboxes(slow);
        if (Boolean.getBoolean("faultline.calibrate")) {
            // A suite with a digest and a reference to grade: the worker calibrates pbkv before it leases.
            cli.suites(new SuiteCatalog() {
                @Override
                public boolean hasSuite(String lab) {
                    return lab.equals("pbkv");
                }

                @Override
                public java.util.Optional<String> digest(String lab) {
                    return hasSuite(lab) ? java.util.Optional.of("fake-suite-1") : java.util.Optional.empty();
                }
            }).references((lab, target) -> {
                java.nio.file.Path pkg = java.nio.file.Files.createDirectories(target.resolve("faultline/labs/" + lab));
                java.nio.file.Files.writeString(pkg.resolve("Reference.java"), "/* the reference */");
                return true;
            });
        } else {
            cli.suites(SuiteCatalog.of(Set.of("pbkv")));
        }
        System.exit(cli.build().execute(args));
    }

    /**
     * Queues {@code count} pbkv submissions through the intake, one each by students s01, s02, ..., each a different
     * placeholder (the fake sandbox grades any source), their folders under {@code handins}.
     */
    static void queueSubmissions(Grader dashboard, Path handins, int count)
            throws IOException, SubmissionRejectedException, CourseException {
        for (int i = 1; i <= count; i++) {
            String login = String.format("s%02d", i);
            dashboard.users().ensureStudent(login, "test");
            Path sources = handins.resolve(login);
            Path pkg = Files.createDirectories(sources.resolve("faultline/labs/pbkv"));
            Files.writeString(pkg.resolve("PBServer.java"), "package faultline.labs.pbkv;\nclass PBServer { /* "
                    + login + " */ }\n");
            dashboard.intake().submit(login, "pbkv", sources, Intake.Rules.STAFF);
        }
    }
}
