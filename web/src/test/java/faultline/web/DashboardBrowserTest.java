package faultline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium: a student signs in, uploads, watches the status change without
 * reloading, reads a failing test with its trace chart; then a TA opens the scoreboard. Screenshots go to
 * web/target/screenshots. Skipped when Chromium is not installed, unless -Dfaultline.requireBrowser=true.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Fixture fx;
    private Javalin app;
    private ChromeDriver driver;
    private Path screenshots;
    private Path profile;

    @BeforeEach
    void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (Boolean.getBoolean("faultline.requireBrowser")) {
            assertTrue(present, "faultline.requireBrowser=true but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing; install Debian's chromium and chromium-driver.");
        }
        assumeTrue(present, "Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                + "); browser tests skipped. Install chromium and chromium-driver to run them.");
        fx = new Fixture();
        app = DashboardApp.create(fx.dashboard).start("127.0.0.1", 0);
        screenshots = Path.of(System.getProperty("faultline.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);
        profile = Files.createTempDirectory("faultline-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.stop();
        }
        if (fx != null) {
            fx.close();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    private void signIn(String login) {
        driver.get(url("/login"));
        driver.findElement(By.id("login")).sendKeys(login);
        driver.findElement(By.id("password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(By.id("sign-in")).click();
    }

    private void shoot(String name) throws Exception {
        Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    private void atWidth(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves the page at laptop and at phone width, back at laptop width afterwards. */
    private void shootBoth(String name) throws Exception {
        atWidth(1280, 900);
        shoot(name + "-laptop");
        atWidth(390, 844);
        shoot(name + "-phone");
        atWidth(1280, 900);
    }

    private String text(By by) {
        return driver.findElement(by).getText();
    }

    @Test
    void aStudentWatchesTheirSubmissionGradeLiveAndATaOpensTheScoreboard() throws Exception {
        // The live part of a page is swapped while the test reads it: an element found just before a swap is stale by
        // the time it is read, so a wait looks again rather than fail on it.
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        fx.submit("bob", "pingpong");
        fx.gradeNext(false);
        signIn("alice");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("late-days-left")));
        assertTrue(text(By.id("lab-mapreduce")).contains("The handout opens"), text(By.id("lab-mapreduce")));
        assertTrue(text(By.id("lab-pbkv")).contains("No suite yet"), text(By.id("lab-pbkv")));
        shootBoth("01-student-labs");

        Path archive = Files.createTempFile("handin", ".zip");
        Files.write(archive, Fixture.pingpongZip());
        driver.findElement(By.id("files-pingpong")).sendKeys(archive.toString());
        driver.findElement(By.id("submit-pingpong")).click();
        // The live part is swapped every 2 s while queued, so each check looks the element up afresh.
        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "QUEUED"));
        wait.until(ExpectedConditions.textToBe(By.id("status"), "waiting in the queue"));
        shoot("02-student-queued-laptop");

        // Mark the page: a full reload would lose this, a live update keeps it.
        driver.executeScript("document.body.dataset.kept = 'yes'");
        fx.gradeNext(true, java.util.Optional.of("suite-1"));
        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "DONE"));
        assertEquals("yes", driver.executeScript("return document.body.dataset.kept"),
                "the status changed without a full page reload");
        assertEquals("graded", text(By.id("status")));

        WebElement failing = driver.findElement(By.cssSelector("details.test.failed"));
        String summary = failing.findElement(By.tagName("summary")).getText();
        assertTrue(summary.contains("echoesDespiteLoss"), "the row is titled with the test's name: " + summary);
        assertFalse(summary.contains("seed="), summary);
        assertTrue(failing.getText().contains("Ping survives a partition"));
        assertTrue(failing.getText().contains("mvn test -Dtest=PingPongTest#echoesDespiteLoss -Dfaultline.seed=1001"));
        assertFalse(failing.getText().contains("faultline replay"), "students are not shown the staff command");
        assertFalse(failing.getText().contains("/work/out"), "nor paths inside the sandbox");
        WebElement chart = failing.findElement(By.cssSelector("img.trace-img"));
        wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", chart));
        long chartHeight = (Long) driver.executeScript("return arguments[0].naturalHeight", chart);
        assertTrue(chartHeight < 1000, "the chart on the page stops at the failure: " + chartHeight + " px tall");
        driver.executeScript("arguments[0].scrollIntoView()", failing);
        shootBoth("03-student-failing-test");

        driver.findElement(By.cssSelector("a.trace-link")).click();
        WebElement box = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("trace-chart")));
        long chartTall = ((Number) driver.executeScript("return document.querySelector('#trace-chart svg.trace-chart').height.baseVal.value")).longValue();
        assertTrue(chartTall > 2000, "this chart is long: " + chartTall + " px");
        wait.until(d -> ((Number) ((ChromeDriver) d).executeScript("return arguments[0].scrollTop", box)).intValue() > 0);
        // The failure band is inside the chart's visible box once the page has opened.
        Boolean failureVisible = (Boolean) driver.executeScript(
                "var b = arguments[0].getBoundingClientRect(); var f = document.getElementById('failure')"
                        + ".getBoundingClientRect(); return f.top >= b.top && f.bottom <= b.bottom;", box);
        assertTrue(failureVisible, "the chart opens at its failure");
        assertTrue(text(By.id("failure-summary")).contains("expected a pong within 5 s"));
        shootBoth("04-student-trace-chart");
        driver.findElement(By.cssSelector("input[name=node][value=server]")).click();
        wait.until(d -> d.getCurrentUrl().contains("node=client"));
        assertEquals(1, driver.findElements(By.cssSelector("#trace-chart text.lane")).size(), "filtered to one node");
        shoot("05-student-trace-filtered-laptop");

        driver.get(url("/labs/mapreduce/handout"));
        assertEquals("Not released yet", text(By.tagName("h1")));
        shootBoth("06-student-handout-not-released");

        driver.get(url("/labs"));
        assertTrue(text(By.id("submissions-count")).equals("1 submission"), text(By.id("submissions-count")));
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
        signIn("tara");
        WebElement board = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scoreboard")));
        assertTrue(board.getText().contains("alice"));
        assertTrue(board.getText().contains("bob"));
        assertEquals("2 students", text(By.id("scoreboard-count")));
        shootBoth("07-staff-scoreboard");

        driver.get(url("/submissions/2"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("details.test.failed")));
        assertTrue(text(By.cssSelector("details.test.failed")).contains(
                "faultline replay pingpong PingPongTest#echoesDespiteLoss --seed 1001"));
        shootBoth("08-staff-submission");

        driver.get(url("/staff/students/alice"));
        assertEquals("1 submission", text(By.id("history-count")));
        shootBoth("09-staff-student");
        driver.get(url("/staff/labs/pingpong/stats"));
        shootBoth("10-staff-stats");
        driver.get(url("/staff/queue"));
        shootBoth("11-staff-queue");

        // A worker's calibration finds the reference failing the test alice failed: her failure is not counted.
        String worker = "gradehost:4242:w1:cafe";
        fx.grader.queue().announce(worker, "docker (isolated)");
        java.time.Instant now = fx.clock.instant();
        fx.grader.calibrations().record(new faultline.grader.store.NewCalibration(worker, "gradehost", "pingpong",
                "suite-1", now.minusSeconds(8), now, 8000, faultline.runner.report.Verdict.COMPLETED, "The suite ran.",
                java.util.List.of(new faultline.grader.store.NewCalibration.Outcome("PingPongTest#echoesDespiteLoss",
                        1001, "FAILED", "expected a pong within 5 s but none arrived"))));
        driver.get(url("/submissions/2"));
        WebElement notCounted = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("details.test.failed mark.not-counted")));
        assertEquals("not counted", notCounted.getText());
        assertTrue(text(By.id("total")).startsWith("15 / 15"), text(By.id("total")));
        driver.executeScript("arguments[0].scrollIntoView()", notCounted);
        shootBoth("12-staff-submission-not-counted");
        driver.get(url("/staff/queue#flagged"));
        assertTrue(text(By.id("flagged")).contains("not counted until staff decide"), text(By.id("flagged")));
        driver.executeScript("document.getElementById('flagged').scrollIntoView()");
        shootBoth("13-staff-queue-flagged");
    }


    /**
     * The chart page and the preview of a failing Lab 3 run (five Paxos peers, forty instances, peers that decide
     * differently), at 1280 and at 390 pixels.
     */
    @Test
    void aLabThreeFailureReadsOnItsChartAtLaptopAndPhoneWidth() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        long submission = fx.submit("alice", "pingpong");
        fx.gradeNext(true, java.util.Optional.empty(), Fixture.PAXOS_TRACE);
        signIn("alice");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("late-days-left")));
        driver.get(url("/submissions/" + submission));
        WebElement failing = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("details.test.failed")));
        String svgUrl = failing.findElement(By.cssSelector("img.trace-img")).getAttribute("src");
        driver.executeScript("arguments[0].scrollIntoView()", failing);
        shootBoth("20-lab3-preview");

        // The preview draws the traffic of p0 and p3, the peers the failure names.
        String preview = (String) driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + " fetch(arguments[0]).then(r => r.text()).then(done);", svgUrl);
        assertTrue(preview.contains("Only the events of p0, p0/paxos, p3, p3/paxos, the nodes the failure names."),
                preview.substring(0, Math.min(2000, preview.length())));
        java.util.regex.Matcher arrows = java.util.regex.Pattern.compile("<text class=\"label\"[^>]*>(?:<title>[^<]*</title>)?([^<]*)</text>")
                .matcher(preview);
        int labels = 0;
        while (arrows.find()) {
            labels++;
        }
        assertTrue(labels > 5, "the preview draws messages: " + labels);
        assertTrue(preview.contains("id=\"failure\""), "the preview ends at the failure");

        driver.get(url(svgUrl.replaceAll("^https?://[^/]+", "").replace("/chart.svg", "")));
        WebElement box = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("trace-chart")));
        ChartPage chart = new ChartPage(driver, box);
        atWidth(1280, 900);
        assertEquals(java.util.List.of("p0", "p0/paxos", "p1", "p1/paxos", "p2", "p2/paxos", "p3", "p3/paxos", "p4",
                "p4/paxos"), chart.heads(), "nodes in natural order, each named whole");
        assertTrue(text(By.id("trace-heads")).contains("time (ms)") || driver.findElement(By.id("trace-heads"))
                .getAttribute("innerHTML").contains(">time (ms)<"), "the time column says its unit");
        assertTrue(chart.fitsItsBox(), "every lifeline is in view at 1280 px: " + chart.widths());
        for (String at : java.util.List.of("0", "arguments[0].scrollHeight / 2", "arguments[0].scrollHeight")) {
            chart.scrollTo(at);
            assertTrue(chart.headsPinned(), "the lane heads are in view with the chart scrolled to " + at);
        }
        chart.scrollTo("arguments[0].scrollHeight / 2");
        shoot("21-lab3-chart-scrolled-laptop");

        // A clipped label's whole text: the Promise that carries the accepted value is read to its end.
        String whole = chart.wholeLabelOf("Promise[", "acceptedValue");
        assertTrue(whole.startsWith("Promise[instance=") && whole.endsWith("]") && whole.contains("acceptedValue="),
                "the label's whole text is shown: " + whole);

        // Text search: the value x3.49y, far above the failure, is found and scrolled to.
        chart.find("x3.49y");
        assertTrue(text(By.id("trace-found")).contains("“x3.49y” is in"), text(By.id("trace-found")));
        assertTrue(chart.headsPinned(), "the lane heads are in view at the match");
        shootBoth("22-lab3-chart-found");

        // The trace downloads as the JSON the test kit wrote.
        String json = chart.download();
        assertTrue(json.startsWith("attachment; filename=\"trace-"), json.substring(0, 80));
        assertTrue(json.contains("\"x3.49y\\\"") || json.contains("x3.49y"), "the whole trace, its events included");

        // At phone width the heads stay pinned while the chart scrolls both ways.
        atWidth(390, 844);
        chart.scrollTo("arguments[0].scrollHeight / 3");
        assertTrue(chart.headsPinned(), "the lane heads are in view on a phone");
        shoot("23-lab3-chart-phone");
        atWidth(1280, 900);
    }
}
