package faultline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.grading.Grader;
import io.javalin.Javalin;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A graded public test replays in the handout: a pingpong submission whose client never resends is graded in Docker
 * by the CLI; the handout's PingPongTest is graded with the hidden suite, and its failing row on the submission page
 * (Chromium, as the student) gives the command that replays that seed in the handout folder. Needs the runner and
 * suites built (mvn package), Docker and Chromium; skipped without them unless -Dfaultline.requireDocker=true or
 * -Dfaultline.requireBrowser=true.
 */
class PublicTestReplayEndToEndTest {

    private static final Pattern FAILED = Pattern.compile("PingPongTest#echoesDespiteLoss failed on seed (\\d+): ");

    @Test
    void aFailingPublicTestsRowGivesTheHandoutCommandForItsSeed(@TempDir Path temp) throws Exception {
        EndToEnd e2e = EndToEnd.require();
        Path course = temp.resolve("course.yaml");
        Files.writeString(course, EndToEnd.defaultCourse());
        Path data = temp.resolve("data");
        e2e.addStudent(data, course, "bob", "Bob Student");
        // The pingpong reference whose client never resends: an echo lost on the way is never asked for again.
        String retry = "private void onRetry(RetryTimer timer) {";
        Path noResend = EndToEnd.referenceWithBug("pingpong", temp.resolve("lab"), "PingClient.java", retry,
                retry + "\n        if (true) {\n            return;\n        }");

        StringWriter graded = new StringWriter();
        int gradeCode = e2e.cli(graded).execute("grade", "pingpong", noResend.toString(),
                "--data", data.toString(), "--course", course.toString(), "--student", "bob");
        String grading = graded.toString();
        assertEquals(1, gradeCode, grading);
        Matcher failed = FAILED.matcher(grading);
        assertTrue(failed.find(), "the handout's PingPongTest is graded, and fails without resends:\n" + grading);
        String seed = failed.group(1);
        String command = "mvn test -Dtest=PingPongTest#echoesDespiteLoss -Dfaultline.seed=" + seed;

        try (Grader grader = e2e.grader(data, course)) {
            Javalin app = DashboardApp.create(Dashboard.over(grader, 1, false)).start("127.0.0.1", 0);
            ChromeDriver driver = EndToEnd.chromium(temp.resolve("profile"));
            try {
                String base = "http://127.0.0.1:" + app.port();
                EndToEnd.signIn(driver, base, "bob");
                driver.get(base + "/submissions/1");
                WebElement failing = EndToEnd.await(driver, "the failing row of echoesDespiteLoss",
                        d -> d.findElements(By.cssSelector("details.test.failed")).stream()
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
}
