package faultline.web;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The end-to-end tests' browser steps: signing in waits until the dashboard has let the student in, so the page
 * opened next is theirs; a wait that times out says what it waited for and what the page showed.
 */
class BrowserWaitTest {

    @Test
    void aPageOpenedRightAfterSigningInIsTheStudentsOwn(@TempDir Path temp) throws Exception {
        EndToEnd.requireBrowser();
        try (Fixture fx = new Fixture()) {
            long id = fx.submit("bob", "pingpong");
            fx.gradeNext(true);
            Javalin app = DashboardApp.create(fx.dashboard).start("127.0.0.1", 0);
            ChromeDriver driver = EndToEnd.chromium(temp.resolve("profile"));
            try {
                String base = "http://127.0.0.1:" + app.port();
                EndToEnd.signIn(driver, base, "bob");
                driver.get(base + "/submissions/" + id);
                WebElement failing = EndToEnd.await(driver, "the failing row of echoesDespiteLoss",
                        d -> d.findElements(By.cssSelector("details.test.failed")).stream()
                                .filter(e -> e.getText().contains("echoesDespiteLoss")).findFirst().orElse(null));
                assertTrue(failing.getText().contains("echoesDespiteLoss"), failing.getText());
            } finally {
                driver.quit();
                app.stop();
            }
        }
    }

    @Test
    void aWaitThatTimesOutSaysWhatThePageShowed(@TempDir Path temp) throws Exception {
        EndToEnd.requireBrowser();
        ChromeDriver driver = EndToEnd.chromium(temp.resolve("profile"));
        try {
            driver.get("data:text/html,<title>Sign in</title><p>Your session has ended. Sign in again.</p>");
            TimeoutException timeout = assertThrows(TimeoutException.class, () -> EndToEnd.await(driver,
                    Duration.ofSeconds(2), "the failing row of echoesDespiteLoss",
                    d -> d.findElements(By.cssSelector("details.test.failed")).stream().findFirst().orElse(null)));
            String message = timeout.getMessage();
            assertTrue(message.contains("waited 2 s for the failing row of echoesDespiteLoss; the page at data:text/html"),
                    message);
            assertTrue(message.contains("(\"Sign in\")"), message);
            assertTrue(message.contains("showed:\nYour session has ended. Sign in again."), message);
            assertTrue(message.contains("(screenshot: "), message);
        } finally {
            driver.quit();
        }
    }
}
