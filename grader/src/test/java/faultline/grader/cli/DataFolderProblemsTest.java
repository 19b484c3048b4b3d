package faultline.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import faultline.grader.grading.SuiteCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder that cannot be written is explained in a sentence or two (what is wrong, what to do), with
 * exit code 3 and no stack trace unless --verbose, and what was stored before is all there once the folder is
 * writable again. Read-only and full disks are real: a tmpfs mounted read-only, and one mounted with a small
 * size and filled. Mounting needs root (CI runs as root); elsewhere those tests skip and say so.
 */
class DataFolderProblemsTest {

    @TempDir
    Path dir;

    private final List<Path> mounts = new ArrayList<>();
    private String err = "";
    private String out = "";

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            sh("umount", m.toString());
        }
    }

    private int run(Path data, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Cli.builder(new PrintWriter(o), new PrintWriter(e)).env(Map.of("FAULTLINE_DATA", data.toString()))
                .sandboxes(FakeSandbox.factory()).suites(SuiteCatalog.of(Set.of("pingpong"))).build().execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private void assertExplained(String what) {
        assertTrue(err.contains(what), err);
        assertFalse(err.contains("\tat "), "no stack trace without --verbose: " + err);
        assertTrue(err.strip().lines().count() <= 2, "one or two sentences: " + err);
        assertFalse(err.contains("newer Faultline"), err);
    }

    @Test
    void aDataFolderInsideAFileIsExplained() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a folder");
        assertEquals(3, run(file.resolve("data"), "users", "list"));
        assertExplained("is a file, not a folder");
    }

    @Test
    void aReadOnlyDataFolderIsExplainedAndNothingInItIsLost() throws Exception {
        Path disk = mount("size=8m");
        Path data = disk.resolve("data");
        assertEquals(0, run(data, "users", "add", "prof", "--role", "instructor", "--name", "Prof"), err);
        assertEquals(0, sh("mount", "-o", "remount,ro", disk.toString()), "remount read-only");

        assertEquals(3, run(data, "users", "list"));
        assertExplained("read-only file system");
        assertEquals(3, run(data, "users", "list", "--verbose"));
        assertTrue(err.contains("read-only file system") && err.contains("\tat "), "--verbose adds the trace: " + err);

        assertEquals(0, sh("mount", "-o", "remount,rw", disk.toString()));
        assertEquals(0, run(data, "users", "list"), err);
        assertTrue(out.contains("prof"), out);
    }

    @Test
    void aFullDiskIsExplainedAndNothingStoredIsLost() throws Exception {
        Path disk = mount("size=2m");
        Path data = disk.resolve("data");
        assertEquals(0, run(data, "users", "add", "prof", "--role", "instructor", "--name", "Prof"), err);
        Path filler = disk.resolve("filler");
        try (OutputStream fill = Files.newOutputStream(filler)) {
            byte[] block = new byte[4096];
            while (true) {
                fill.write(block);
                fill.flush();
            }
        } catch (IOException full) {
            // The disk is full now.
        }

        assertEquals(3, run(data, "users", "add", "ta", "--role", "ta", "--name", "TA"));
        assertExplained("is full");

        Files.delete(filler);
        assertEquals(0, run(data, "users", "list"), err);
        assertTrue(out.contains("prof"), out);
        assertEquals(0, run(data, "users", "add", "ta", "--role", "ta", "--name", "TA"), err);
    }

    /** A fresh tmpfs under the test's folder, or the test skips when this process may not mount. */
    private Path mount(String options) throws Exception {
        Path point = Files.createDirectories(dir.resolve("disk" + mounts.size()));
        boolean mounted = sh("mount", "-t", "tmpfs", "-o", options, "tmpfs", point.toString()) == 0;
        assumeTrue(mounted, "Could not mount a tmpfs (this needs root, as in CI); the read-only and full-disk "
                + "tests are skipped.");
        mounts.add(point);
        return point;
    }

    private static int sh(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor();
        } catch (IOException e) {
            return -1;
        }
    }
}
