package faultline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.web.account.OpenedSession;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An upload with no declared length (chunked) is refused like any other oversized upload: 413 with the same
 * sentence, and the server stops taking the body soon after the limit instead of reading all of it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UploadLimitTest {

    /** Far more than the limit: a server that kept reading would take it all. */
    private static final long SENT = 64L << 20;
    /** The limit plus generous room for socket buffers on both sides. */
    private static final long STOPPED_BY = Dashboard.DEFAULT_UPLOAD_LIMIT + (12L << 20);

    private Fixture fx;
    private Javalin app;

    @BeforeEach
    void setUp() throws Exception {
        fx = new Fixture();
        app = DashboardApp.create(fx.dashboard);
    }

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
    }

    @Test
    void aChunkedUploadOverTheLimitOnTheFormIsRefusedWith413AndNotReadToTheEnd() {
        JavalinTest.test(app, (server, client) -> {
            OpenedSession session = fx.dashboard.accounts().signIn("alice", Fixture.PASSWORD, "127.0.0.1");
            byte[] head = ("--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.zip\"\r\n"
                    + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            RawHttp.Answer answer = new RawHttp(client.getOrigin(), "127.0.0.1").sendChunked(
                    "/labs/pingpong/submissions", Map.of("Content-Type", "multipart/form-data; boundary=x",
                            "Cookie", "fl_session=" + session.cookieSecret(),
                            "X-CSRF-Token", session.signedIn().csrfToken()), head, SENT);
            assertRefused(answer);
        });
    }

    @Test
    void aChunkedUploadOverTheLimitOnTheApiIsRefusedWith413AndNotReadToTheEnd() {
        JavalinTest.test(app, (server, client) -> {
            String token = fx.dashboard.tokens().issue(faultline.web.account.Viewer.of(fx.users.find("alice")
                    .orElseThrow()), "t").token();
            RawHttp.Answer answer = new RawHttp(client.getOrigin(), "127.0.0.1").sendChunked(
                    "/api/labs/pingpong/submissions?name=big.zip", Map.of("Content-Type", "application/zip",
                            "Authorization", "Bearer " + token), new byte[] {'P', 'K'}, SENT);
            assertRefused(answer);
            assertTrue(answer.text().contains("\"error\""), answer.text());
        });
    }

    private void assertRefused(RawHttp.Answer answer) {
        assertTrue(answer.text().startsWith("HTTP/1.1 413"), answer.text());
        assertTrue(answer.text().contains("over the limit"), answer.text());
        assertFalse(answer.text().contains("Exception"), "no stack trace or exception name: " + answer.text());
        assertTrue(answer.bodyBytesSent() < STOPPED_BY, "the server took " + answer.bodyBytesSent()
                + " bytes of a body it had already refused");
        int stored = fx.submissionCount();
        assertEquals(0, stored, "nothing was stored");
    }
}
