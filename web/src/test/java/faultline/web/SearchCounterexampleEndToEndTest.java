package faultline.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.grading.Grader;
import io.javalin.Javalin;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A search test's counterexample, end to end: a pbkv submission with a bug only the search catches (a server
 * adopts an older view from a late ViewReply) is graded in Docker by the CLI; the student opens the submission
 * page in Chromium and reads the broken invariant with the short run as a chart; {@code faultline replay} on
 * that test and seed prints the same violation and writes the same trace. Needs the runner and suites built
 * (mvn package) and Docker and Chromium; skipped without them unless -Dfaultline.requireDocker=true or
 * -Dfaultline.requireBrowser=true.
 */
class SearchCounterexampleEndToEndTest {

    private static final String TEST = "PrimaryBackupSearchSuite#lateViewReplyDoesNotRollBackTheView";
    private static final String INVARIANT = "every Append acknowledged to the clerk is at the backup";
    private static final String STALE_REPLY = "1. viewservice -> s1: ViewReply[view=view 1 (primary s1, backup (nobody))]";

    @Test
    void aFailingSearchTestReachesTheStudentAsAChartAndReplays(@TempDir Path temp) throws Exception {
        EndToEnd e2e = EndToEnd.require();
        // The pbkv reference with the planted bug: a server adopts any view other than its own.
        Path buggy = EndToEnd.referenceWithBug("pbkv", temp.resolve("buggy"), "PBServer.java",
                "if (reply.view().number() > view.number()) {\n            adopt(reply.view());",
                "if (reply.view().number() != view.number()) { // planted bug\n            adopt(reply.view());");
        Path course = temp.resolve("course.yaml");
        // The course shows Lab 2's concurrency tests (the search tests) to students at once.
        String yaml = EndToEnd.defaultCourse();
        int pbkv = yaml.indexOf("  - name: pbkv");
        int categories = yaml.indexOf("categories: { basic: visible }", pbkv);
        Files.writeString(course, yaml.substring(0, categories) + "categories: { basic: visible, concurrency: visible }"
                + yaml.substring(categories + "categories: { basic: visible }".length()));
        Path data = temp.resolve("data");
        e2e.addStudent(data, course, "bob", "Bob Student");

        StringWriter graded = new StringWriter();
        int gradeCode = e2e.cli(graded).execute("grade", "pbkv", buggy.toString(), "--data", data.toString(),
                "--course", course.toString(), "--student", "bob");
        String grading = graded.toString();
        assertEquals(1, gradeCode, grading);
        assertTrue(grading.contains("Graded by docker (isolated)"), grading);
        assertTrue(grading.contains(TEST + " failed on seed 2001: Invariant broken: " + INVARIANT), grading);
        assertTrue(grading.contains(STALE_REPLY), grading);

        try (Grader grader = e2e.grader(data, course)) {
            Javalin app = DashboardApp.create(Dashboard.over(grader, 1, false)).start("127.0.0.1", 0);
            ChromeDriver driver = EndToEnd.chromium(temp.resolve("profile"));
            try {
                String base = "http://127.0.0.1:" + app.port();
                EndToEnd.signIn(driver, base, "bob");
                driver.get(base + "/submissions/1");
                WebElement failing = EndToEnd.await(driver, "the failing row of lateViewReplyDoesNotRollBackTheView",
                        d -> d.findElements(By.cssSelector("details.test.failed")).stream()
                                .filter(e -> e.getText().contains("lateViewReplyDoesNotRollBackTheView")).findFirst()
                                .orElse(null));
                driver.executeScript("arguments[0].open = true", failing);
                String read = failing.getText();
                assertTrue(read.contains("Invariant broken: " + INVARIANT), read);
                assertTrue(read.contains(STALE_REPLY), read);
                assertTrue(read.contains("The counterexample replays to the same violation in the simulator."), read);
                WebElement chart = failing.findElement(By.cssSelector("img.trace-img"));
                EndToEnd.await(driver, "the counterexample's chart to load", d -> (Boolean) ((ChromeDriver) d)
                        .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", chart));
                failing.findElement(By.cssSelector("a.trace-link")).click();
                EndToEnd.await(driver, "the trace page's chart", ExpectedConditions.presenceOfElementLocated(
                        By.id("trace-chart")));
                String summary = driver.findElement(By.id("failure-summary")).getText();
                assertTrue(summary.contains("invariant broken: " + INVARIANT), summary);
                List<String> labels = driver.findElements(By.cssSelector("#trace-chart text")).stream()
                        .map(WebElement::getText).toList();
                assertTrue(labels.stream().anyMatch(l -> l.startsWith("ViewReply[view=view 1")), labels.toString());
                assertTrue(labels.stream().anyMatch(l -> l.startsWith("Reply[sequence=1, result=AppendOk")),
                        labels.toString());
            } finally {
                driver.quit();
                app.stop();
            }
        }

        Path out = Files.createDirectories(temp.resolve("replayed"));
        StringWriter replayed = new StringWriter();
        int replayCode = e2e.cli(replayed).execute("replay", "--lab", "pbkv", "--test", TEST, "--seed",
                "2001", "--submission", "1", "--data", data.toString(), "--out", out.toString());
        String replay = replayed.toString();
        assertEquals(1, replayCode, replay);
        assertTrue(replay.contains("Invariant broken: " + INVARIANT), replay);
        assertTrue(replay.contains(STALE_REPLY), replay);
        String name = "PrimaryBackupSearchSuite.lateViewReplyDoesNotRollBackTheView.seed-2001.json";
        Path stored;
        try (Stream<Path> files = Files.walk(data.resolve("artifacts"))) {
            stored = files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow(
                    () -> new AssertionError("the graded run's trace " + name + " should be among its artifacts"));
        }
        assertArrayEquals(Files.readAllBytes(stored), Files.readAllBytes(out.resolve(name)),
                "the replay writes the very trace the graded run kept");
    }
}
