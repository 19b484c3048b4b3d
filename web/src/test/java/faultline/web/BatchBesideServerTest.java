package faultline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import faultline.grader.sandbox.RunnerDistribution;
import faultline.grader.sandbox.SandboxUnavailableException;
import faultline.web.cli.WebMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faultline batch pingpong DIR} while {@code faultline serve} runs on the same data folder, each its own
 * process grading in the local sandbox: whichever of them grades a submission, the batch reports every one it queued
 * with its verdict and grade, says which accounts it created, and names the sandbox that was used.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class BatchBesideServerTest {

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process faultline(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), WebMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("FAULTLINE_SANDBOX", "local");
        pb.environment().put("FAULTLINE_HOME", EndToEnd.home().toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    @Test
    void aBatchReportsEverySubmissionItQueuedWhoeverGradesIt() throws Exception {
        try {
            RunnerDistribution.fromBuild(EndToEnd.home());
        } catch (SandboxUnavailableException e) {
            assumeTrue(false, "The runner is not built, so nothing can be graded; skipped: " + e.getMessage());
        }
        Path data = dir.resolve("data");
        Process server = faultline("serve", "--data", data.toString(), "--host", "127.0.0.1", "--port", "0",
                "--workers", "1");
        BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> said = new ArrayList<>();
        for (String line; (line = serverOut.readLine()) != null && !line.startsWith("Dashboard at "); ) {
            said.add(line);
        }
        assertTrue(server.isAlive(), "the server should be serving: " + said);

        Path handins = dir.resolve("handins");
        String retry = "static final long RETRY_MILLIS = 50;";
        EndToEnd.referenceWithBug("pingpong", handins.resolve("alice"), "PingClient.java", retry, retry);
        EndToEnd.referenceWithBug("pingpong", handins.resolve("bob"), "PingClient.java",
                "if (current != null && result == null && pong.sequence() == sequence) {",
                "if (current != null && result == null) { // planted bug: any answer will do");
        EndToEnd.referenceWithBug("pingpong", handins.resolve("carol"), "PingClient.java",
                "if (current != null && result == null && pong.sequence() == sequence) {",
                "if (current != null && result == null) { // planted bug: any answer will do");

        Process batch = faultline("batch", "--data", data.toString(), "--no-progress", "pingpong",
                handins.toString());
        String report = new String(batch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(batch.waitFor(300, TimeUnit.SECONDS), report);
        assertEquals(0, batch.exitValue(), report);
        assertTrue(report.contains("Created 3 student account(s) for folder names that matched no account: alice, bob,"
                + " carol."), report);
        assertTrue(report.contains("Queued 3 submission(s) of lab pingpong"), report);
        List<String> scores = new ArrayList<>();
        for (String login : List.of("alice", "bob", "carol")) {
            Matcher line = Pattern.compile("(?m)^  " + login + " +submission \\d+ +COMPLETED +([\\d.]+/\\d+ test points"
                    + " +grade [\\d.]+/\\d+) +local, graded (here|by \\S+ pid \\d+)$").matcher(report);
            assertTrue(line.find(), login + " is reported with a grade and who graded it:\n" + report);
            scores.add(line.group(1).replaceAll(" +", " "));
        }
        assertEquals(scores.get(1), scores.get(2), "bob and carol handed in the same code, whichever process graded"
                + " it: " + report);
        assertTrue(report.matches("(?s).*Batch done in [\\d.]+ s: 3 submission\\(s\\) graded, in local \\(3\\)\\..*"),
                report);
        assertTrue(report.contains("  COMPLETED        3"), report);
        assertTrue(Files.exists(data.resolve("server.lock")), "the server kept its folder throughout");
    }
}
