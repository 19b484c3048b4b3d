package faultline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.web.account.LoginThrottle;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every page carries a strict Content-Security-Policy (scripts and styles from the server only, nothing inline,
 * no framing) and the usual headers, and no page relies on anything inline that the policy would block.
 * Cookies are Secure when the browser used HTTPS: directly, or per a trusted proxy's X-Forwarded-Proto.
 */
class SecurityHeadersTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle=", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER = Pattern.compile("\\son[a-z]+\\s*=|javascript:", Pattern.CASE_INSENSITIVE);

    private Fixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new Fixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
    }

    @Test
    void everyPageHasAStrictPolicyAndNothingInlineThatItWouldBlock() {
        JavalinTest.test(DashboardApp.create(fx.dashboard), (server, client) -> {
            long id = fx.submit("alice", "pingpong");
            fx.gradeNext(true);
            Browser alice = new Browser(client.getOrigin());
            assertStrict("/login", alice.get("/login"));
            alice.signIn("alice", Fixture.PASSWORD);
            for (String path : List.of("/labs", "/submissions/" + id, "/submissions/" + id + "/live", "/tokens",
                    "/no/such/page")) {
                assertStrict(path, alice.get(path));
            }
            Browser tara = new Browser(client.getOrigin());
            tara.signIn("tara", Fixture.PASSWORD);
            for (String path : List.of("/staff/scoreboard", "/staff/queue", "/staff/queue/live",
                    "/staff/labs/pingpong/stats", "/staff/students/alice")) {
                assertStrict(path, tara.get(path));
            }
            String traceId = alice.get("/submissions/" + id).body()
                    .replaceAll("(?s).*src=\"/traces/(\\d+)/chart\\.svg\".*", "$1");
            assertTrue(traceId.matches("\\d+"), "the submission page should show a failing run's chart");
            assertStrict("/traces/" + traceId, alice.get("/traces/" + traceId));
            HttpResponse<String> chart = alice.get("/traces/" + traceId + "/chart.svg");
            assertEquals(200, chart.statusCode());
            assertTrue(chart.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none'"),
                    "the chart image keeps its own, stricter policy");
        });
    }

    private static void assertStrict(String path, HttpResponse<String> page) {
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("style-src 'self'"), path + ": " + csp);
        assertFalse(csp.contains("unsafe"), path + ": " + csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""), path);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""), path);
        assertEquals("same-origin", page.headers().firstValue("Referrer-Policy").orElse(""), path);
        String body = page.body();
        for (Pattern inline : List.of(INLINE_SCRIPT, INLINE_STYLE, HANDLER)) {
            Matcher m = inline.matcher(body);
            if (m.find()) {
                throw new AssertionError(path + " has " + body.substring(Math.max(0, m.start() - 60),
                        Math.min(body.length(), m.end() + 60)) + ", which the policy blocks");
            }
        }
    }

    @Test
    void cookiesAreSecureWhenTheBrowserUsedHttpsAndOnlyATrustedProxyIsBelieved() {
        JavalinTest.test(DashboardApp.create(fx.dashboard), (server, client) -> {
            RawHttp direct = new RawHttp(client.getOrigin(), "127.0.0.1");
            assertFalse(setCookies(direct.send("GET", "/login", Map.of(), new byte[0])).contains("Secure"),
                    "plain HTTP: a Secure cookie would never come back");
            assertFalse(setCookies(direct.send("GET", "/login", Map.of("X-Forwarded-Proto", "https"), new byte[0]))
                    .contains("Secure"), "an untrusted X-Forwarded-Proto is only the client's word");
        });
        Dashboard behindProxy = Dashboard.over(fx.grader, 2, new Transport(false, true));
        JavalinTest.test(DashboardApp.create(behindProxy), (server, client) -> {
            RawHttp proxy = new RawHttp(client.getOrigin(), "127.0.0.1");
            String viaHttps = setCookies(proxy.send("GET", "/login", Map.of("X-Forwarded-Proto", "https"),
                    new byte[0]));
            assertTrue(viaHttps.contains("Secure"), viaHttps);
            assertFalse(setCookies(proxy.send("GET", "/login", Map.of("X-Forwarded-Proto", "http"), new byte[0]))
                    .contains("Secure"));
        });
        Dashboard always = Dashboard.over(fx.grader, 2, new Transport(true, false));
        JavalinTest.test(DashboardApp.create(always), (server, client) ->
                assertTrue(setCookies(new RawHttp(client.getOrigin(), "127.0.0.1").send("GET", "/login", Map.of(),
                        new byte[0])).contains("Secure"), "--secure-cookies marks them whatever the request says"));
    }

    @Test
    void behindATrustedProxyTheThrottleCountsTheClientsAddressNotTheProxys() {
        Dashboard behindProxy = Dashboard.over(fx.grader, 2, new Transport(false, true));
        JavalinTest.test(DashboardApp.create(behindProxy), (server, client) -> {
            RawHttp proxy = new RawHttp(client.getOrigin(), "127.0.0.1");
            for (int i = 0; i < LoginThrottle.Budgets.STANDARD.perPair(); i++) {
                assertEquals(401, token(proxy, "198.51.100.7", "wrong-" + i).status());
            }
            assertEquals(429, token(proxy, "198.51.100.7", Fixture.PASSWORD).status());
            assertEquals(201, token(proxy, "192.0.2.1", Fixture.PASSWORD).status(),
                    "another client behind the same proxy is not throttled");
        });
    }

    private static RawHttp.Answer token(RawHttp proxy, String client, String password) throws Exception {
        return proxy.send("POST", "/api/tokens", Map.of("Content-Type", "application/json",
                "X-Forwarded-For", "203.0.113.99, " + client),
                ("{\"login\":\"alice\",\"password\":\"" + password + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static String setCookies(RawHttp.Answer answer) {
        StringBuilder cookies = new StringBuilder();
        for (String line : answer.text().split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, "Set-Cookie:", 0, 11)) {
                cookies.append(line).append('\n');
            }
        }
        assertFalse(cookies.isEmpty(), answer.text());
        return cookies.toString();
    }
}
