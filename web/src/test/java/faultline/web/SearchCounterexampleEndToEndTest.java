package faultline.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import faultline.grader.cli.Cli;
import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.SandboxFactory;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.sandbox.DockerSandbox;
import faultline.grader.sandbox.RunnerDistribution;
import faultline.grader.sandbox.RunnerJvm;
import faultline.grader.sandbox.Sandbox;
import faultline.grader.sandbox.SandboxUnavailableException;
import faultline.grader.store.Role;
import faultline.grader.store.UserDao;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A search test's counterexample, end to end: a pbkv submission with a bug only the search catches (a server
 * adopts an older view from a late ViewReply) is graded in Docker by the CLI; the student opens the submission
 * page in Chromium and reads the broken invariant with the short run as a chart; {@code faultline replay} on
 * that test and seed prints the same violation and writes the same trace. Needs the runner and suites built
 * (mvn package) and Docker and Chromium; skipped without them unless -Dfaultline.requireDocker=true or
 * -Dfaultline.requireBrowser=true.
 */
class SearchCounterexampleEndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TEST = "PrimaryBackupSearchSuite#lateViewReplyDoesNotRollBackTheView";
    private static final String INVARIANT = "every Append acknowledged to the clerk is at the backup";
    private static final String STALE_REPLY = "1. viewservice -> s1: ViewReply[view=view 1 (primary s1, backup (nobody))]";

    /** The repository root, whether the test runs from it or from the web module. */
    private static Path home() {
        return (Files.isDirectory(Path.of("reference-impl")) ? Path.of("") : Path.of("..")).toAbsolutePath().normalize();
    }

    @Test
    void aFailingSearchTestReachesTheStudentAsAChartAndReplays(@TempDir Path temp) throws Exception {
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (Boolean.getBoolean("faultline.requireBrowser")) {
            assertTrue(browser, "faultline.requireBrowser=true but Chromium or chromedriver is missing");
        }
        assumeTrue(browser, "Chromium is not installed; this end-to-end test is skipped.");
        RunnerDistribution distribution;
        try {
            distribution = RunnerDistribution.fromBuild(home());
            DockerSandbox.connect(distribution, RunnerJvm.defaults()).close();
        } catch (SandboxUnavailableException e) {
            assertTrue(!Boolean.getBoolean("faultline.requireDocker"), "Docker is required but: " + e.getMessage());
            assumeTrue(false, "Docker or the built runner is not available; skipped: " + e.getMessage());
            return;
        }
        RunnerDistribution runner = distribution;
        SandboxFactory docker = new SandboxFactory() {
            @Override
            public Sandbox open() throws SandboxUnavailableException {
                return DockerSandbox.connect(runner, RunnerJvm.defaults());
            }

            @Override
            public String describe() {
                return "docker (isolated)";
            }
        };
        SuiteCatalog suites = SuiteCatalog.inJar(distribution.suites());

        Path buggy = plantBug(temp.resolve("buggy"));
        Path course = temp.resolve("course.yaml");
        // The course shows Lab 2's concurrency tests (the search tests) to students at once.
        String yaml;
        try (var in = CourseFile.class.getResourceAsStream(CourseFile.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        int pbkv = yaml.indexOf("  - name: pbkv");
        int categories = yaml.indexOf("categories: { basic: visible }", pbkv);
        Files.writeString(course, yaml.substring(0, categories) + "categories: { basic: visible, concurrency: visible }"
                + yaml.substring(categories + "categories: { basic: visible }".length()));
        Path data = temp.resolve("data");
        try (Grader setup = grader(data, course, suites)) {
            setup.db().write(h -> {
                h.attach(UserDao.class).insert("bob", "Bob Student", "", Role.STUDENT, Fixture.PASSWORD_HASH,
                        setup.clock().instant());
                return null;
            });
        }

        StringWriter graded = new StringWriter();
        int gradeCode = cli(graded, docker, suites).execute("grade", "pbkv", buggy.toString(), "--data", data.toString(),
                "--course", course.toString(), "--student", "bob");
        String grading = graded.toString();
        assertEquals(1, gradeCode, grading);
        assertTrue(grading.contains("Graded by docker (isolated)"), grading);
        assertTrue(grading.contains(TEST + " failed on seed 2001: Invariant broken: " + INVARIANT), grading);
        assertTrue(grading.contains(STALE_REPLY), grading);

        try (Grader grader = grader(data, course, suites)) {
            Javalin app = DashboardApp.create(Dashboard.over(grader, 1, false)).start("127.0.0.1", 0);
            ChromeDriver driver = chromium(temp.resolve("profile"));
            try {
                String base = "http://127.0.0.1:" + app.port();
                driver.get(base + "/login");
                driver.findElement(By.id("login")).sendKeys("bob");
                driver.findElement(By.id("password")).sendKeys(Fixture.PASSWORD);
                driver.findElement(By.id("sign-in")).click();
                driver.get(base + "/submissions/1");
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
                WebElement failing = wait.until(d -> d.findElements(By.cssSelector("details.test.failed")).stream()
                        .filter(e -> e.getText().contains("lateViewReplyDoesNotRollBackTheView")).findFirst()
                        .orElse(null));
                driver.executeScript("arguments[0].open = true", failing);
                String read = failing.getText();
                assertTrue(read.contains("Invariant broken: " + INVARIANT), read);
                assertTrue(read.contains(STALE_REPLY), read);
                assertTrue(read.contains("The counterexample replays to the same violation in the simulator."), read);
                WebElement chart = failing.findElement(By.cssSelector("img.trace-img"));
                wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript(
                        "return arguments[0].complete && arguments[0].naturalWidth > 0", chart));
                failing.findElement(By.cssSelector("a.trace-link")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("trace-chart")));
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
        int replayCode = cli(replayed, docker, suites).execute("replay", "--lab", "pbkv", "--test", TEST, "--seed",
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

    private static Grader grader(Path data, Path course, SuiteCatalog suites) throws Exception {
        return new Grader(new DataFolder(data), CourseFile.read(course), Clock.systemUTC(), suites);
    }

    private static picocli.CommandLine cli(StringWriter out, SandboxFactory sandboxes, SuiteCatalog suites) {
        PrintWriter writer = new PrintWriter(out, true);
        return Cli.builder(writer, writer).sandboxes(sandboxes).suites(suites).build();
    }

    /** The pbkv reference with the planted bug: a server adopts any view other than its own. */
    private static Path plantBug(Path folder) throws Exception {
        Path from = home().resolve("reference-impl/src/main/java/faultline/labs/pbkv");
        Path to = Files.createDirectories(folder.resolve("faultline/labs/pbkv"));
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName().toString()));
            }
        }
        Path server = to.resolve("PBServer.java");
        String original = "if (reply.view().number() > view.number()) {\n            adopt(reply.view());";
        String text = Files.readString(server);
        assertEquals(text.indexOf(original), text.lastIndexOf(original), "the planted bug must match exactly once");
        assertTrue(text.contains(original), "the planted bug no longer matches PBServer.java; update it");
        Files.writeString(server, text.replace(original,
                "if (reply.view().number() != view.number()) { // planted bug\n            adopt(reply.view());"));
        return folder;
    }

    private static ChromeDriver chromium(Path profile) throws Exception {
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
