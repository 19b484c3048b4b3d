package faultline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.grading.Grader;
import io.javalin.Javalin;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The chart of a real failing Lab 3 run, end to end: the Paxos reference with a planted proposer bug (it ignores the
 * values acceptors report in their promises) is graded in Docker by the CLI; the student opens the failing test in
 * Chromium and reads its preview and whole chart at laptop and phone width. Needs the runner and suites built (mvn
 * package), Docker and Chromium; skipped without them unless -Dfaultline.requireDocker=true or
 * -Dfaultline.requireBrowser=true.
 */
class PaxosChartEndToEndTest {

    private static final String TEST = "competingProposerAdoptsAcceptedValue";

    @Test
    void aFailingPaxosRunReadsOnItsChartAtLaptopAndPhoneWidth(@TempDir Path temp) throws Exception {
        EndToEnd e2e = EndToEnd.require();
        Path buggy = EndToEnd.referenceWithBug("paxoskv", temp.resolve("buggy"), "paxos/Paxos.java",
                "        if (promise.acceptedNumber() > state.bestNumber) {\n"
                        + "            state.bestNumber = promise.acceptedNumber();\n"
                        + "            state.bestValue = promise.acceptedValue();\n"
                        + "        }\n",
                "        // planted bug: the values acceptors report are ignored\n");
        // One seed: the chart is the point here, and the suite's other seeds fail alike.
        Path course = temp.resolve("course.yaml");
        String yaml = EndToEnd.defaultCourse();
        assertTrue(yaml.contains("\nseeds: 3 "), "the default course file no longer says seeds: 3; update this test");
        Files.writeString(course, yaml.replace("\nseeds: 3 ", "\nseeds: 1 "));
        Path data = temp.resolve("data");
        e2e.addStudent(data, course, "carol", "Carol Student");

        StringWriter graded = new StringWriter();
        int gradeCode = e2e.cli(graded).execute("grade", "paxoskv", buggy.toString(), "--data", data.toString(),
                "--course", course.toString(), "--student", "carol");
        String grading = graded.toString();
        assertEquals(1, gradeCode, grading);
        assertTrue(grading.contains(TEST + " failed on seed"), grading);

        Path screenshots = Files.createDirectories(Path.of(System.getProperty("faultline.screenshots",
                "target/screenshots")));
        try (Grader grader = e2e.grader(data, course)) {
            Javalin app = DashboardApp.create(Dashboard.over(grader, 1, false)).start("127.0.0.1", 0);
            ChromeDriver driver = EndToEnd.chromium(temp.resolve("profile"));
            try {
                String base = "http://127.0.0.1:" + app.port();
                EndToEnd.signIn(driver, base, "carol");
                driver.get(base + "/submissions/1");
                WebElement failing = EndToEnd.await(driver, "the failing row of " + TEST,
                        d -> d.findElements(By.cssSelector("details.test.failed")).stream()
                                .filter(e -> e.getText().contains(TEST)).findFirst().orElse(null));
                driver.executeScript("arguments[0].open = true; arguments[0].scrollIntoView()", failing);
                String read = failing.getText();
                assertTrue(read.contains("\"first\"") && read.contains("\"second\""),
                        "the failure names both values the peers decided: " + read);
                WebElement preview = failing.findElement(By.cssSelector("img.trace-img"));
                EndToEnd.await(driver, "the preview of " + TEST + " to load", d -> (Boolean) ((ChromeDriver) d)
                        .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", preview));
                Files.write(screenshots.resolve("30-lab3-real-preview.png"), driver.getScreenshotAs(OutputType.BYTES));

                // The preview holds the events of the nodes the failure names, up to the failure.
                String svg = (String) driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                        + " fetch(arguments[0]).then(r => r.text()).then(done);", preview.getAttribute("src"));
                assertTrue(svg.contains("id=\"failure\""), "the preview ends at the failure");
                List<String> lanes = ChartPage.previewLanes(svg);
                assertTrue(lanes.containsAll(List.of("p0", "p3")), "the preview draws p0 and p3, the peers that"
                        + " decided differently: " + lanes);
                for (String lane : lanes) {
                    assertTrue(read.contains(lane.replace("/paxos", "")), "the preview draws " + lane
                            + ", a node the failure does not name; lanes " + lanes + "; the failure: " + read);
                }

                failing.findElement(By.cssSelector("a.trace-link")).click();
                WebElement box = EndToEnd.await(driver, "the whole chart of " + TEST,
                        d -> d.findElements(By.id("trace-chart")).stream().findFirst().orElse(null));
                ChartPage chart = new ChartPage(driver, box);
                driver.manage().window().setSize(new Dimension(1280, 900));
                assertTrue(chart.fitsItsBox(), "every lifeline is in view at 1280 px: " + chart.widths());
                for (String at : List.of("0", "arguments[0].scrollHeight / 2", "arguments[0].scrollHeight")) {
                    chart.scrollTo(at);
                    assertTrue(chart.headsPinned(), "the lane heads are in view with the chart scrolled to " + at);
                }
                List<String> heads = chart.heads();
                assertTrue(heads.containsAll(List.of("p0", "p0/paxos", "p3", "p3/paxos")), "lanes named whole: " + heads);

                // A Promise's whole text, the accepted value the bug ignores included, is reachable.
                String whole = chart.wholeLabelOf("Promise[", "acceptedValue");
                assertTrue(whole.startsWith("Promise[") && whole.contains("acceptedValue=") && whole.endsWith("]"),
                        "the label's whole text is shown: " + whole);

                // Text search finds the losing value and scrolls it into view, heads still pinned.
                chart.find("second");
                assertTrue(driver.findElement(By.id("trace-found")).getText().contains("“second” is in"),
                        driver.findElement(By.id("trace-found")).getText());
                assertTrue(chart.headsPinned(), "the lane heads are in view at the match");
                Files.write(screenshots.resolve("31-lab3-real-chart-found-laptop.png"),
                        driver.getScreenshotAs(OutputType.BYTES));

                // The trace downloads as JSON, the failing test's events included.
                String download = chart.download();
                assertTrue(download.startsWith("attachment; filename=\"trace-"), download.substring(0, 80));
                assertTrue(download.contains(TEST) && download.contains("second"),
                        "the whole trace: " + download.substring(0, Math.min(400, download.length())));

                // On a phone the search lands on the match too, in the window and not only in the chart's box.
                driver.manage().window().setSize(new Dimension(390, 844));
                chart.find("first");
                assertTrue(chart.matchInWindow(), "the match of \u201cfirst\u201d is in the phone's window: "
                        + EndToEnd.shown(driver));
                assertTrue(chart.headsPinned(), "the lane heads are in view on a phone");
                Files.write(screenshots.resolve("32-lab3-real-chart-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
            } finally {
                driver.quit();
                app.stop();
            }
        }
    }
}
