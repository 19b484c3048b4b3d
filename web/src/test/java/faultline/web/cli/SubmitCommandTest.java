package faultline.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.cli.CliContext;
import faultline.grader.grading.SuiteCatalog;
import faultline.web.FixtureAccess;
import io.javalin.testtools.JavalinTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `faultline submit` against a real dashboard: the archive goes in with a token and the result comes back. */
class SubmitCommandTest {

    @Test
    void submitsAFolderAndFollowsItToTheResult() throws Exception {
        try (FixtureAccess fx = new FixtureAccess()) {
            String token = fx.tokenFor("alice");
            Path folder = Files.createTempDirectory("handin");
            Path source = folder.resolve("faultline/labs/pingpong/Node.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "package faultline.labs.pingpong;\nclass Node {}\n");
            JavalinTest.test(fx.app(), (server, client) -> {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
                        Map.of("FAULTLINE_TOKEN", token), fx.clock(), null, SuiteCatalog.of(java.util.Set.of()),
                        Optional.empty());
                CompletableFuture<Integer> cli = CompletableFuture.supplyAsync(() -> new CommandLine(
                        new SubmitCommand(ctx)).execute("pingpong", folder.toString(), "--server", client.getOrigin(),
                        "--poll", "20ms"));
                // Grade the job once it is queued, while the command is polling for it.
                fx.gradeWhenQueued(cli::isDone);
                int code = cli.get(60, java.util.concurrent.TimeUnit.SECONDS);
                String printed = out.toString();
                assertEquals(1, code, printed + err);
                assertTrue(printed.contains("Submission 1 accepted"), printed);
                assertTrue(printed.contains("FAIL echoesDespiteLoss"), printed);
                assertTrue(printed.contains("replay: mvn test -Dtest=PingPongTest#echoesDespiteLoss -Dfaultline.seed=1001"),
                        printed);
                assertTrue(printed.contains("Total: 9 / 15"), printed);
            });
        }
    }

    @Test
    void aRejectedArchivePrintsTheGradersMessage() throws Exception {
        try (FixtureAccess fx = new FixtureAccess()) {
            String token = fx.tokenFor("alice");
            Path file = Files.createTempFile("handin", ".zip");
            Files.writeString(file, "not an archive");
            JavalinTest.test(fx.app(), (server, client) -> {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
                        Map.of("FAULTLINE_TOKEN", token), fx.clock(), null, SuiteCatalog.of(java.util.Set.of()),
                        Optional.empty());
                int code = new CommandLine(new SubmitCommand(ctx)).execute("pingpong", file.toString(), "--server",
                        client.getOrigin());
                assertEquals(2, code);
                assertTrue(err.toString().contains("neither a zip nor a tar.gz"), err.toString());
            });
        }
    }
}
