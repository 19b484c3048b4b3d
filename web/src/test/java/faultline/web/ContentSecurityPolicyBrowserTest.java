package faultline.web;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Content-Security-Policy blocks nothing the pages need: Chromium, which enforces it, reports no violation
 * on any page a student or a TA opens. Skipped without Chromium, unless -Dfaultline.requireBrowser=true.
 */
class ContentSecurityPolicyBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Fixture fx;
    private Javalin app;
    private ChromeDriver driver;
    private Path profile;

    @BeforeEach
    void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (Boolean.getBoolean("faultline.requireBrowser")) {
            assertTrue(present, "faultline.requireBrowser=true but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing; install Debian's chromium and chromium-driver.");
        }
        assumeTrue(present, "Chromium is not installed; the browser's policy check is skipped.");
        fx = new Fixture();
        app = DashboardApp.create(fx.dashboard).start("127.0.0.1", 0);
        profile = Files.createTempDirectory("faultline-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
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

    @Test
    void noPageBreaksThePolicy() throws Exception {
        long id = fx.submit("alice", "pingpong");
        fx.gradeNext(true);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        Map<String, List<String>> pages = Map.of(
                "alice", List.of("/labs", "/submissions/" + id, "/tokens"),
                "tara", List.of("/staff/scoreboard", "/staff/queue", "/staff/labs/pingpong/stats",
                        "/staff/labs/pingpong/similarity",
                        "/staff/students/alice"));
        for (Map.Entry<String, List<String>> who : new java.util.TreeMap<>(pages).entrySet()) {
            driver.manage().deleteAllCookies();
            visit("/login");
            assertNoViolations("/login");
            driver.findElement(By.id("login")).sendKeys(who.getKey());
            driver.findElement(By.id("password")).sendKeys(Fixture.PASSWORD);
            driver.findElement(By.id("sign-in")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logout")));
            for (String path : who.getValue()) {
                visit(path);
                // htmx is loaded and running (the policy allows the server's own scripts).
                wait.until(d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript("return !!window.htmx")));
                assertNoViolations(path);
            }
        }
    }

    private void visit(String path) {
        driver.get("http://127.0.0.1:" + app.port() + path);
    }

    private void assertNoViolations(String path) {
        List<String> violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(m -> m.contains("Content Security Policy")).toList();
        assertTrue(violations.isEmpty(), path + " broke the policy: " + violations);
    }
}
