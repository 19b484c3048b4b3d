package faultline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void aStudentWatchesTheirSubmissionGradeLiveAndATaOpensTheScoreboard() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        signIn("alice");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("late-days-left")));
        shoot("01-labs");

        Path archive = Files.createTempFile("handin", ".zip");
        Files.write(archive, Fixture.pingpongZip());
        driver.findElement(By.id("files-pingpong")).sendKeys(archive.toString());
        driver.findElement(By.id("submit-pingpong")).click();
        WebElement status = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("status")));
        assertEquals("QUEUED", status.getAttribute("data-state"));
        shoot("02-queued");

        // Mark the page: a full reload would lose this, a live update keeps it.
        driver.executeScript("document.body.dataset.kept = 'yes'");
        fx.gradeNext(true);
        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "DONE"));
        assertEquals("yes", driver.executeScript("return document.body.dataset.kept"),
                "the status changed without a full page reload");

        WebElement failing = driver.findElement(By.cssSelector("details.test.failed"));
        assertTrue(failing.getText().contains("Ping survives a partition"));
        assertTrue(failing.getText().contains("faultline replay pingpong Ping#partition --seed 1001"));
        WebElement chart = failing.findElement(By.cssSelector("img.trace-img"));
        wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", chart));
        driver.executeScript("arguments[0].scrollIntoView()", failing);
        shoot("03-failing-test-with-trace");

        driver.get(url(chart.getAttribute("src").replaceAll("^https?://[^/]+", "")));
        shoot("04-trace-chart");

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/labs"));
        shoot("05-labs-phone");
        driver.manage().window().setSize(new Dimension(1280, 1000));

        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
        signIn("tara");
        WebElement board = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scoreboard")));
        assertTrue(board.getText().contains("alice"));
        assertTrue(board.getText().contains("bob"));
        shoot("06-scoreboard");
    }
}
