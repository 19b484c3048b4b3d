package faultline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import faultline.skeleton.handout.Handout;
import faultline.web.account.Viewer;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A student's machine with the handout alone: the pingpong handout is unpacked in an empty folder, {@code mvn test}
 * runs a public test that fails on the skeleton and leaves its message-sequence chart as a page beside the JSON
 * trace, and {@code java Submit.java --server URL --token TOKEN} (the command the student README names) sends the
 * lab to a running dashboard and prints its graded result. Maven runs offline against the developer's cache less
 * every dev.faultline artifact, so nothing comes from a Faultline checkout. Skipped without mvn on the PATH.
 */
class HandoutRoundTripTest {

    @Test
    void fromTheUnpackedHandoutAStudentSeesTheChartOfAFailingTestAndSubmits(@TempDir Path temp) throws Exception {
        assumeTrue(answers(List.of("mvn", "-v")), "no mvn on the PATH: cannot run the handout's tests");
        Path zip = temp.resolve("pingpong.zip");
        Handout.build("pingpong", zip);
        Path folder = unzip(zip, temp.resolve("student")).resolve("faultline-pingpong");
        Path farm = cacheWithoutFaultline(temp.resolve("m2"));
        try {
            Run test = run(folder, List.of("mvn", "-o", "-B", "-Dstyle.color=never", "-Dmaven.repo.local=" + farm,
                    "test", "-Dtest=PingPongTest#echoesDespiteLoss"), Duration.ofMinutes(5));
            assertTrue(test.exit() != 0, "the public test passed on the unsolved skeleton:\n" + test.output());
            Path traces = folder.resolve("target/faultline-traces");
            List<Path> pages;
            try (Stream<Path> files = Files.list(traces)) {
                pages = files.filter(p -> p.getFileName().toString().endsWith(".html")).sorted().toList();
            }
            assertFalse(pages.isEmpty(), "no chart page beside the JSON traces:\n" + test.output());
            Path page = pages.get(0);
            assertTrue(Files.exists(Path.of(page.toString().replaceAll("\\.html$", ".json"))), "the JSON is beside it");
            assertTrue(test.output().contains(page.getFileName().toString()), "the failure names the chart page");
            String html = Files.readString(page);
            assertTrue(html.contains("<svg") && html.contains("id=\"failure\""), "the page draws the chart, failure marked");
            assertTrue(html.contains("mvn test -Dtest=PingPongTest#echoesDespiteLoss -Dfaultline.seed="),
                    "and says how to replay the run");
        } finally {
            unlinkGroups(farm);
        }

        String readme = Files.readString(folder.resolve("README.md"));
        assertTrue(readme.contains("    java Submit.java --server URL --token TOKEN"), "the README names the command");
        try (Fixture fx = new Fixture()) {
            Javalin app = DashboardApp.create(fx.dashboard).start("127.0.0.1", 0);
            try {
                String token = fx.dashboard.tokens().issue(Viewer.of(fx.users.find("alice").orElseThrow()), "handout")
                        .token();
                Path java = Path.of(System.getProperty("java.home"), "bin", "java");
                ProcessBuilder submit = new ProcessBuilder(java.toString(), "Submit.java", "--server",
                        "http://127.0.0.1:" + app.port(), "--token", token).directory(folder.toFile())
                        .redirectErrorStream(true).redirectOutput(temp.resolve("submit.log").toFile());
                submit.environment().remove("FAULTLINE_SERVER");
                submit.environment().remove("FAULTLINE_TOKEN");
                Process process = submit.start();
                // Grade the submission once it is queued, as a worker would, while Submit.java polls for it.
                Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
                while (fx.grader.queue().pending() == 0 && process.isAlive() && Instant.now().isBefore(deadline)) {
                    Thread.onSpinWait();
                }
                assertTrue(fx.grader.queue().pending() > 0, "nothing was queued:\n"
                        + Files.readString(temp.resolve("submit.log")));
                fx.gradeNext(true);
                assertTrue(process.waitFor(2, TimeUnit.MINUTES), "Submit.java did not finish");
                String printed = Files.readString(temp.resolve("submit.log"));
                assertEquals(1, process.exitValue(), "a failing test exits 1:\n" + printed);
                assertTrue(printed.contains("Submission 1 accepted"), printed);
                assertTrue(printed.contains("FAIL echoesDespiteLoss"), printed);
                assertTrue(printed.contains("replay here: mvn test -Dtest=PingPongTest#echoesDespiteLoss "
                        + "-Dfaultline.seed=1001"), printed);
                assertTrue(printed.contains("Total: 9 / 15"), printed);
                int files = fx.grader.records().submission(1).orElseThrow().fileCount();
                assertTrue(files >= 2, "the lab's sources were sent: " + files + " files");
            } finally {
                app.stop();
            }
        }
    }

    record Run(int exit, String output) {
    }

    private static Run run(Path folder, List<String> command, Duration limit) throws IOException, InterruptedException {
        Path log = folder.resolveSibling("run-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + limit + ":\n"
                    + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    private static boolean answers(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The developer's Maven cache, every group linked but dev/faultline: the framework must come from lib/. */
    private static Path cacheWithoutFaultline(Path farm) throws IOException {
        Path cache = Path.of(System.getProperty("faultline.m2", System.getProperty("user.home") + "/.m2/repository"));
        Files.createDirectories(farm.resolve("dev"));
        try (Stream<Path> groups = Files.list(cache)) {
            for (Path group : groups.toList()) {
                if (!group.getFileName().toString().equals("dev")) {
                    Files.createSymbolicLink(farm.resolve(group.getFileName().toString()), group);
                }
            }
        }
        if (Files.isDirectory(cache.resolve("dev"))) {
            try (Stream<Path> groups = Files.list(cache.resolve("dev"))) {
                for (Path group : groups.toList()) {
                    if (!group.getFileName().toString().equals("faultline")) {
                        Files.createSymbolicLink(farm.resolve("dev").resolve(group.getFileName().toString()), group);
                    }
                }
            }
        }
        return farm;
    }

    /** Removes the farm's links (never what they point to), so the temp folder's cleanup leaves the cache alone. */
    private static void unlinkGroups(Path farm) throws IOException {
        for (Path folder : List.of(farm, farm.resolve("dev"))) {
            try (Stream<Path> entries = Files.list(folder)) {
                for (Path entry : entries.filter(Files::isSymbolicLink).toList()) {
                    Files.delete(entry);
                }
            }
        }
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                assertTrue(target.startsWith(into), "zip entry escapes the folder: " + entry.getName());
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
        return into;
    }
}
