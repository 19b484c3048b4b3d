package faultline.web;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A graded public test replays in the handout: a pingpong submission whose client never resends is graded in Docker
 * by the CLI; the handout's PingPongTest is graded with the hidden suite, and its failing row on the submission page
 * (Chromium, as the student) gives the command that replays that seed in the handout folder. Needs the runner and
 * suites built (mvn package), Docker and Chromium; skipped without them unless -Dfaultline.requireDocker=true or
 * -Dfaultline.requireBrowser=true.
 */
class PublicTestReplayEndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Pattern FAILED = Pattern.compile("PingPongTest#echoesDespiteLoss failed on seed (\\d+): ");

    /** The repository root, whether the test runs from it or from the web module. */
    private static Path home() {
        return (Files.isDirectory(Path.of("reference-impl")) ? Path.of("") : Path.of("..")).toAbsolutePath().normalize();
    }

    @Test
    void aFailingPublicTestsRowGivesTheHandoutCommandForItsSeed(@TempDir Path temp) throws Exception {
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
        Path course = temp.resolve("course.yaml");
        try (var in = CourseFile.class.getResourceAsStream(CourseFile.DEFAULT_RESOURCE)) {
            Files.write(course, in.readAllBytes());
        }
        Path data = temp.resolve("data");
        try (Grader setup = grader(data, course, suites)) {
            setup.db().write(h -> {
                h.attach(UserDao.class).insert("bob", "Bob Student", "", Role.STUDENT, Fixture.PASSWORD_HASH,
                        setup.clock().instant());
                return null;
            });
        }

        StringWriter graded = new StringWriter();
        int gradeCode = cli(graded, docker, suites).execute("grade", "pingpong", noResend(temp.resolve("lab")).toString(),
                "--data", data.toString(), "--course", course.toString(), "--student", "bob");
        String grading = graded.toString();
        assertEquals(1, gradeCode, grading);
        Matcher failed = FAILED.matcher(grading);
        assertTrue(failed.find(), "the handout's PingPongTest is graded, and fails without resends:\n" + grading);
        String seed = failed.group(1);
        String command = "mvn test -Dtest=PingPongTest#echoesDespiteLoss -Dfaultline.seed=" + seed;

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
                        .filter(e -> e.getText().contains("echoesDespiteLoss")).findFirst().orElse(null));
                driver.executeScript("arguments[0].open = true", failing);
                String read = failing.getText();
                assertTrue(read.contains("Replay it in your handout folder: " + command), read);
                assertTrue(failing.findElements(By.cssSelector("code.local-replay")).stream()
                        .anyMatch(code -> code.getText().equals(command)), read);
            } finally {
                driver.quit();
                app.stop();
            }
        }
    }

    private static Grader grader(Path data, Path course, SuiteCatalog suites) throws Exception {
        return new Grader(new DataFolder(data), CourseFile.read(course), Clock.systemUTC(), suites);
    }

    private static picocli.CommandLine cli(StringWriter out, SandboxFactory sandboxes, SuiteCatalog suites) {
        PrintWriter writer = new PrintWriter(out, true);
        return Cli.builder(writer, writer).sandboxes(sandboxes).suites(suites).build();
    }

    /** The pingpong reference whose client never resends: an echo lost on the way is never asked for again. */
    private static Path noResend(Path folder) throws Exception {
        Path from = home().resolve("reference-impl/src/main/java/faultline/labs/pingpong");
        Path to = Files.createDirectories(folder.resolve("faultline/labs/pingpong"));
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName().toString()));
            }
        }
        Path client = to.resolve("PingClient.java");
        String original = "private void onRetry(RetryTimer timer) {";
        String text = Files.readString(client);
        assertTrue(text.contains(original) && text.indexOf(original) == text.lastIndexOf(original),
                "the planted bug no longer matches PingClient.java once; update it");
        Files.writeString(client, text.replace(original, original + "\n        if (true) {\n            return;\n        }"));
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
