package faultline.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code faultline serve} processes on one data folder: the second is refused with a sentence naming the
 * first's pid and start time; once the first is killed with SIGKILL (no chance to clean up), a new server
 * starts on the folder at once, because the OS let go of the dead process's lock.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ServerLockTest {

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

    private Process serve() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WebMain.class.getName(), "serve", "--data", dir.resolve("data").toString(), "--host", "127.0.0.1",
                "--port", "0");
        pb.environment().put("FAULTLINE_SANDBOX", "local");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Reads the server's output until it says it is serving; fails with what it said if it ends first. */
    private static void awaitServing(Process p) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line; (line = lines.readLine()) != null; ) {
            seen.add(line);
            if (line.startsWith("Dashboard at ")) {
                return;
            }
        }
        throw new AssertionError("the server ended before serving: " + seen);
    }

    @Test
    void aSecondServerOnAFolderIsRefusedByNameAndAKilledServersLockDiesWithIt() throws Exception {
        Process first = serve();
        awaitServing(first);

        Process second = serve();
        String refusal = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(second.waitFor(120, TimeUnit.SECONDS));
        assertEquals(3, second.exitValue(), refusal);
        assertTrue(refusal.contains("Another Faultline server (pid " + first.pid() + ", started "), refusal);
        assertTrue(refusal.contains("Stop it first"), refusal);
        assertTrue(refusal.strip().lines().count() <= 2, "a sentence, not a stack trace: " + refusal);
        assertTrue(first.isAlive(), "the first server is untouched");

        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        Process third = serve();
        awaitServing(third);
    }
}
