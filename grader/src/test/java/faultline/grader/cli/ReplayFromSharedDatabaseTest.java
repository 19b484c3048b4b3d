package faultline.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Intake;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.store.StoreKind;
import faultline.grader.submission.ContentStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faultline replay --db URL --submission ID} on a host that never received the submission: its sources come
 * from the shared PostgreSQL, as a worker's do, checked against their hash; without {@code --db} the same host has
 * nothing to replay and says so.
 */
class ReplayFromSharedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void aSubmissionStoredOnAnotherHostIsReplayedFromTheDatabase() throws Exception {
        String url = StoreKind.POSTGRESQL.freshUrl(dir);
        try {
            long id;
            String hash;
            try (Grader dashboard = new Grader(new DataFolder(dir.resolve("dashboard")), CourseFile.defaultCourse(),
                    Clock.systemUTC(), SuiteCatalog.of(Set.of("pbkv")), Optional.of(url))) {
                dashboard.users().ensureStudent("alice", "test");
                Path pkg = Files.createDirectories(dir.resolve("handin/faultline/labs/pbkv"));
                Files.writeString(pkg.resolve("PBServer.java"), "package faultline.labs.pbkv;\nclass PBServer {}\n");
                var accepted = dashboard.intake().submit("alice", "pbkv", dir.resolve("handin"), Intake.Rules.STAFF);
                id = accepted.submissionId();
                hash = accepted.contentHash();
            }
            Path elsewhere = dir.resolve("staff-laptop");

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = cli(out, err).execute("replay", "--lab", "pbkv", "--test", "FakeSuite#b", "--seed", "2002",
                    "--submission", Long.toString(id), "--db", url, "--data", elsewhere.toString(), "--out",
                    dir.resolve("traces").toString());
            assertEquals(0, code, out + "\n" + err);
            assertTrue(out.toString().contains("Replaying FakeSuite#b of lab pbkv on seed 2002 against submission " + id
                    + " (1 source files)."), out.toString());
            assertTrue(new ContentStore(new DataFolder(elsewhere).contentStore()).contains(hash),
                    "the sources came from the database and are kept on this host");

            StringWriter out2 = new StringWriter();
            StringWriter err2 = new StringWriter();
            int without = cli(out2, err2).execute("replay", "--lab", "pbkv", "--test", "FakeSuite#b", "--seed", "2002",
                    "--submission", Long.toString(id), "--data", dir.resolve("empty").toString());
            assertEquals(ExitCode.SUBMISSION_ERROR.code(), without);
            assertTrue(err2.toString().contains("There is no Faultline database in") && err2.toString()
                    .contains("or the shared database with --db"), err2.toString());
            assertFalse(out2.toString().contains("Replaying"));
        } finally {
            StoreKind.drop(url);
        }
    }

    private static picocli.CommandLine cli(StringWriter out, StringWriter err) {
        return Cli.builder(new PrintWriter(out, true), new PrintWriter(err, true)).env(Map.of())
                .sandboxes(new faultline.grader.grading.SandboxFactory() {
                    @Override
                    public faultline.grader.sandbox.Sandbox open() {
                        FakeSandbox fake = new FakeSandbox();
                        return new faultline.grader.sandbox.Sandbox() {
                            @Override
                            public faultline.grader.sandbox.SandboxKind kind() {
                                return fake.kind();
                            }

                            // A real sandbox makes the artifacts folder it copies results into; the stand-in writes
                            // there directly.
                            @Override
                            public faultline.grader.sandbox.SandboxOutcome grade(
                                    faultline.grader.sandbox.SandboxRequest request)
                                    throws faultline.grader.sandbox.SandboxUnavailableException {
                                try {
                                    Files.createDirectories(request.artifacts());
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
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
                        return "fake sandbox";
                    }
                }).suites(SuiteCatalog.of(Set.of("pbkv"))).build();
    }
}
