package faultline.web;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import faultline.framework.LabPackages;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * What the end-to-end tests share: grading in Docker through the CLI with the runner and suites this build packaged,
 * the grader over a data folder, and a headless Chromium signed in as a student. {@link #require()} skips the test
 * without Docker, the built runner or Chromium, unless -Dfaultline.requireDocker=true or
 * -Dfaultline.requireBrowser=true make that a failure.
 *
 * @param docker the Docker sandbox the CLI grades in
 * @param suites the suites jar this build packaged
 */
record EndToEnd(SandboxFactory docker, SuiteCatalog suites) {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Docker with the built runner, and Chromium; the calling test is skipped (or fails, when required) without them. */
    static EndToEnd require() {
        requireBrowser();
        RunnerDistribution distribution;
        try {
            distribution = RunnerDistribution.fromBuild(home());
            DockerSandbox.connect(distribution, RunnerJvm.defaults()).close();
        } catch (SandboxUnavailableException e) {
            assertTrue(!Boolean.getBoolean("faultline.requireDocker"), "Docker is required but: " + e.getMessage());
            assumeTrue(false, "Docker or the built runner is not available; skipped: " + e.getMessage());
            throw new AssertionError("unreachable");
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
        return new EndToEnd(docker, SuiteCatalog.inJar(distribution.suites()));
    }

    /** The repository root, whether the test runs from it or from the web module. */
    static Path home() {
        return (Files.isDirectory(Path.of("reference-impl")) ? Path.of("") : Path.of("..")).toAbsolutePath().normalize();
    }

    /** The built-in course file as text, for a test to write as it is or changed. */
    static String defaultCourse() throws Exception {
        try (var in = CourseFile.class.getResourceAsStream(CourseFile.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    Grader grader(Path data, Path course) throws Exception {
        return new Grader(new DataFolder(data), CourseFile.read(course), Clock.systemUTC(), suites);
    }

    /** Adds a student who signs in with {@link Fixture#PASSWORD}. */
    void addStudent(Path data, Path course, String login, String name) throws Exception {
        try (Grader setup = grader(data, course)) {
            setup.db().write(h -> {
                h.attach(UserDao.class).insert(login, name, "", Role.STUDENT, Fixture.PASSWORD_HASH,
                        setup.clock().instant());
                return null;
            });
        }
    }

    /** The {@code faultline} command line, grading in Docker, printing to {@code out}. */
    CommandLine cli(StringWriter out) {
        PrintWriter writer = new PrintWriter(out, true);
        return Cli.builder(writer, writer).sandboxes(docker).suites(suites).build();
    }

    /**
     * A copy of the reference's {@code lab} under {@code folder} (as a submission holds it: every package of the lab,
     * e.g. paxos, kv and paxoskv for Lab 3) with one planted bug: {@code original}, which must occur exactly once in
     * {@code file}, replaced by {@code planted}. {@code file} is in the lab's own package ({@code PingClient.java}),
     * or names its package ({@code paxos/Paxos.java}).
     */
    static Path referenceWithBug(String lab, Path folder, String file, String original, String planted)
            throws Exception {
        Path labs = home().resolve("reference-impl/src/main/java/faultline/labs");
        Path submitted = folder.resolve("faultline/labs");
        for (String labPackage : LabPackages.of(lab)) {
            Path to = Files.createDirectories(submitted.resolve(labPackage));
            try (Stream<Path> files = Files.list(labs.resolve(labPackage))) {
                for (Path source : files.toList()) {
                    Files.copy(source, to.resolve(source.getFileName().toString()));
                }
            }
        }
        Path target = submitted.resolve(file.contains("/") ? file : lab + "/" + file);
        String text = Files.readString(target);
        assertTrue(text.contains(original) && text.indexOf(original) == text.lastIndexOf(original),
                "the planted bug no longer matches " + file + " exactly once; update it");
        Files.writeString(target, text.replace(original, planted));
        return folder;
    }

    /** A headless Chromium with its own profile folder. */
    static ChromeDriver chromium(Path profile) throws Exception {
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * How long a browser wait may take before it fails. Generous: it bounds a wait, it is not slept, and a loaded 2-core
     * machine (a build beside the tests) renders pages and runs Chromium many times slower than a quiet one.
     */
    static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("faultline.browserPatienceSeconds", 90));

    /**
     * Waits for {@code condition} (what it is waiting for in {@code what}); an element swapped under it is looked up
     * again. On timeout it fails saying what the page showed: its address, title and text.
     */
    static <T> T await(ChromeDriver driver, String what, Function<WebDriver, T> condition) {
        return await(driver, PATIENCE, what, condition);
    }

    static <T> T await(ChromeDriver driver, Duration patience, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, patience).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "waited " + patience.toSeconds() + " s for " + what + "; " + shown(driver))
                .until(condition);
    }

    /** Whether Chromium and its driver are installed; a test that needs them is skipped (or fails when required). */
    static void requireBrowser() {
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (Boolean.getBoolean("faultline.requireBrowser")) {
            assertTrue(browser, "faultline.requireBrowser=true but Chromium or chromedriver is missing");
        }
        assumeTrue(browser, "Chromium is not installed; this browser test is skipped.");
    }

    /**
     * What the browser shows, for a failure message: the address, the title and the first 4,000 characters of text,
     * and a screenshot saved under target/browser-waits.
     */
    static String shown(ChromeDriver driver) {
        String text;
        try {
            text = driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            text = "(its text could not be read: " + e.getMessage() + ")";
        }
        String screenshot;
        try {
            Path folder = Files.createDirectories(Path.of("target", "browser-waits"));
            Path file = folder.resolve("timeout-" + System.currentTimeMillis() + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            screenshot = " (screenshot: " + file.toAbsolutePath() + ")";
        } catch (java.io.IOException | RuntimeException e) {
            screenshot = "";
        }
        return "the page at " + driver.getCurrentUrl() + " (\"" + driver.getTitle() + "\")" + screenshot + " showed:\n"
                + (text.length() > 4000 ? text.substring(0, 4000) + "..." : text);
    }

    /**
     * Signs {@code login} in on the dashboard at {@code base} through its sign-in form, and waits until the dashboard
     * has let them in: a page opened before the sign-in's answer arrived would find no session and show the sign-in
     * form instead (under load, the click returns well before the answer).
     */
    static void signIn(ChromeDriver driver, String base, String login) {
        driver.get(base + "/login");
        driver.findElement(By.id("login")).sendKeys(login);
        driver.findElement(By.id("password")).sendKeys(Fixture.PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        await(driver, login + " to be signed in", d -> !d.getCurrentUrl().contains("/login")
                && "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
    }
}
