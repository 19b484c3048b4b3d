package faultline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import faultline.grader.grading.Intake;
import faultline.grader.similarity.Copies;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Code similarity in a real headless Chromium: a TA runs the comparison of pingpong from the lab's similarity page,
 * follows its progress until it is done, opens the top pair and sees both submissions side by side with the matched
 * lines marked on each side; a student gets "for course staff" (403) from the page, the pair view and the API.
 * Screenshots go to web/target/screenshots. Skipped without Chromium, unless -Dfaultline.requireBrowser=true.
 */
class SimilarityBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path PINGPONG = Path.of("../reference-impl/src/main/java/faultline/labs/pingpong");

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
        driver = EndToEnd.chromium(profile);
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

    /** Hands in pingpong's reference for {@code login}, each file passed through {@code disguise}. */
    private void handIn(String login, java.util.function.UnaryOperator<String> disguise) throws Exception {
        Path folder = fx.root.resolve("handins").resolve(login);
        Copies.copy(PINGPONG, folder.resolve("faultline/labs/pingpong"), disguise);
        fx.grader.intake().submit(login, "pingpong", folder, Intake.Rules.STAFF);
        fx.clock.advance(Duration.ofMinutes(2));
    }

    private void shoot(String name) throws Exception {
        Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aTaComparesALabAndReadsAPairSideBySideWhileAStudentIsTurnedAway() throws Exception {
        handIn("alice", s -> s);
        handIn("bob", s -> Copies.renamed(Copies.withoutComments(s), Map.of("sequence", "counter", "server", "peer",
                "attempts", "tries")));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
        wait.ignoring(StaleElementReferenceException.class);

        EndToEnd.signIn(driver, url(""), "tara");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logout")));
        driver.get(url("/staff/scoreboard"));
        driver.findElement(By.cssSelector("a.similarity-link[href='/staff/labs/pingpong/similarity']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-runs")));
        new Select(driver.findElement(By.id("which"))).selectByValue("latest");
        WebElement min = driver.findElement(By.id("min"));
        min.clear();
        min.sendKeys("10");
        driver.findElement(By.id("run-similarity")).click();
        // The run goes on in the background; the page follows it and, once done, shows the ranked pairs.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-state")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pairs")));
        assertEquals("DONE", driver.findElement(By.id("run-state")).getAttribute("data-state"),
                driver.findElement(By.id("similarity-live")).getText());
        assertTrue(driver.findElement(By.id("run-message")).getText().contains("2 solutions compared in 1 pair;"),
                driver.findElement(By.id("run-message")).getText());
        List<WebElement> rows = driver.findElements(By.cssSelector("#pairs tbody tr[data-rank]"));
        assertEquals(1, rows.size());
        assertEquals("alice", rows.get(0).findElement(By.className("first")).getText());
        assertEquals("bob", rows.get(0).findElement(By.className("second")).getText());
        double percent = Double.parseDouble(rows.get(0).findElement(By.className("percent")).getText()
                .replace("%", "").trim());
        assertTrue(percent >= 80, "a renamed copy without comments is " + percent + "% like its original");
        driver.manage().window().setSize(new Dimension(1280, 900));
        shoot("similarity-01-lab-laptop");

        rows.get(0).findElement(By.className("open-pair")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pair-title")));
        assertTrue(driver.findElement(By.id("pair-title")).getText().startsWith("alice and bob:"),
                driver.findElement(By.id("pair-title")).getText());
        for (String side : List.of("side-a", "side-b")) {
            WebElement column = driver.findElement(By.id(side));
            assertTrue(column.getText().contains("faultline/labs/pingpong/PingClient.java"), column.getText());
            List<WebElement> marked = column.findElements(By.cssSelector("span.line.match"));
            assertTrue(marked.size() >= 20, side + " has " + marked.size() + " highlighted lines");
            String background = marked.get(0).getCssValue("background-color");
            assertTrue(!background.equals("rgba(0, 0, 0, 0)"), side + "'s matched lines are coloured: " + background);
        }
        // The course's provided files (Echo, Messages, ...) were not compared, so they are not shown.
        assertTrue(driver.findElements(By.xpath("//code[contains(., 'Messages.java')]")).isEmpty());
        WebElement firstRegion = driver.findElement(By.cssSelector("#regions tbody tr a[href^='#b-m']"));
        String target = firstRegion.getAttribute("href").replaceAll(".*#", "");
        assertTrue(driver.findElement(By.id(target)).getAttribute("class").contains("match"));
        shoot("similarity-02-pair-laptop");
        driver.manage().window().setSize(new Dimension(390, 844));
        shoot("similarity-03-pair-phone");
        driver.manage().window().setSize(new Dimension(1280, 900));
        String pairPath = new URI(driver.getCurrentUrl()).getPath();

        driver.manage().deleteAllCookies();
        EndToEnd.signIn(driver, url(""), "alice");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logout")));
        for (String path : List.of("/staff/labs/pingpong/similarity", pairPath)) {
            driver.get(url(path));
            String text = driver.findElement(By.tagName("main")).getText();
            assertTrue(text.contains("This page is for course staff"), path + " showed a student: " + text);
            assertTrue(!text.contains("bob"), path + " names another student to a student: " + text);
        }
        shoot("similarity-04-student-refused");
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/staff/labs/pingpong/similarity", pairPath, "/api/labs/pingpong/similarity")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Cookie", "fl_session=" + driver.manage().getCookieNamed("fl_session").getValue())
                    .header("Authorization", "Bearer " + tokenFor("alice")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, r.statusCode(), path + ": " + r.body());
            assertTrue(!r.body().contains("bob"), path + ": " + r.body());
        }
        HttpResponse<String> staffApi = http.send(HttpRequest.newBuilder(URI.create(url("/api/labs/pingpong/similarity")))
                .header("Authorization", "Bearer " + tokenFor("tara")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, staffApi.statusCode(), staffApi.body());
        assertTrue(staffApi.body().contains("\"second\":\"bob\""), staffApi.body());
    }

    private String tokenFor(String login) {
        return fx.dashboard.tokens().issue(faultline.web.account.Viewer.of(fx.users.find(login).orElseThrow()), "test")
                .token();
    }
}
