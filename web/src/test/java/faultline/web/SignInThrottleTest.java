package faultline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.web.account.LoginRefusedException;
import faultline.web.account.LoginThrottle;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is slowed by source and account together: a stranger's wrong passwords, on the form or the
 * API, cannot lock the owner out, while one source guessing stays throttled and a guess spread over many
 * addresses is held to a per-account budget that the owner's usual address does not share.
 */
class SignInThrottleTest {

    private static final Pattern CSRF_COOKIE = Pattern.compile("fl_login_csrf=([^;\\s]+)");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

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
    void aStrangersWrongPasswordsOnTheFormAndTheApiDoNotLockTheOwnerOut() {
        JavalinTest.test(DashboardApp.create(fx.dashboard), (server, client) -> {
            RawHttp stranger = new RawHttp(client.getOrigin(), "127.0.0.2");
            // Five wrong passwords, the pair's budget, some on the form and some on the API.
            for (int i = 0; i < 5; i++) {
                RawHttp.Answer wrong = i % 2 == 0 ? formSignIn(stranger, "alice", "guess-" + i)
                        : apiSignIn(stranger, "alice", "guess-" + i);
                assertEquals(401, wrong.status(), wrong.text());
            }
            RawHttp.Answer throttled = apiSignIn(stranger, "alice", Fixture.PASSWORD);
            assertEquals(429, throttled.status(), "the guessing address is throttled, even with the right password");
            assertEquals(429, formSignIn(stranger, "alice", Fixture.PASSWORD).status());

            Browser owner = new Browser(client.getOrigin());
            HttpResponse<String> signedIn = owner.signIn("alice", Fixture.PASSWORD);
            assertEquals(303, signedIn.statusCode(), "the owner, from her own address, still signs in: "
                    + signedIn.body());
            assertEquals(201, apiSignIn(new RawHttp(client.getOrigin(), "127.0.0.1"), "alice", Fixture.PASSWORD)
                    .status(), "and gets an API token");
        });
    }

    @Test
    void oneSourceTryingManyAccountsIsStoppedForEveryAccount() throws Exception {
        LoginThrottle throttle = LoginThrottle.standard(fx.grader.signIns(), fx.clock);
        for (int i = 0; i < LoginThrottle.Budgets.STANDARD.perAddress(); i++) {
            throttle.record("student" + i, "10.0.0.66", false);
        }
        LoginRefusedException refused = assertThrows(LoginRefusedException.class,
                () -> fx.dashboard.accounts().signIn("alice", Fixture.PASSWORD, "10.0.0.66"));
        assertTrue(refused.throttled());
        assertEquals("alice", fx.dashboard.accounts().signIn("alice", Fixture.PASSWORD, "10.0.0.7").signedIn()
                .viewer().login(), "another address is not affected");
        fx.clock.advance(LoginThrottle.Budgets.STANDARD.window().plusMinutes(1));
        fx.dashboard.accounts().signIn("bob", Fixture.PASSWORD, "10.0.0.66");
    }

    @Test
    void aGuessSpreadOverManyAddressesIsHeldToTheAccountsBudgetButTheOwnersAddressStillWorks() throws Exception {
        fx.dashboard.accounts().signIn("alice", Fixture.PASSWORD, "192.168.1.20");
        LoginThrottle throttle = LoginThrottle.standard(fx.grader.signIns(), fx.clock);
        LoginThrottle.Budgets budgets = LoginThrottle.Budgets.STANDARD;
        // One or two tries from each of many addresses: no address comes near its own budget.
        for (int i = 0; i < budgets.perAccount(); i++) {
            throttle.record("alice", "203.0.113." + (i % 60), false);
        }
        LoginRefusedException refused = assertThrows(LoginRefusedException.class,
                () -> fx.dashboard.accounts().signIn("alice", "another-guess", "198.51.100.9"));
        assertTrue(refused.throttled(), "a new address may not try alice while the guess goes on");
        assertThrows(LoginRefusedException.class,
                () -> fx.dashboard.accounts().verify("alice", "api-guess", "198.51.100.10"), "nor on the API");
        assertEquals("alice", fx.dashboard.accounts().signIn("alice", Fixture.PASSWORD, "192.168.1.20").signedIn()
                .viewer().login(), "the owner's usual address still signs in");
        fx.dashboard.accounts().signIn("bob", Fixture.PASSWORD, "198.51.100.9");

        fx.clock.advance(budgets.accountWindow().plus(Duration.ofMinutes(1)));
        fx.dashboard.accounts().signIn("alice", Fixture.PASSWORD, "198.51.100.9");
    }

    private static RawHttp.Answer apiSignIn(RawHttp from, String login, String password) throws Exception {
        return from.send("POST", "/api/tokens", Map.of("Content-Type", "application/json"),
                ("{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** The sign-in form as a browser at that address fills it: fetch it (token and cookie), then post it. */
    private static RawHttp.Answer formSignIn(RawHttp from, String login, String password) throws Exception {
        RawHttp.Answer form = from.send("GET", "/login", Map.of(), new byte[0]);
        Matcher cookie = CSRF_COOKIE.matcher(form.text());
        Matcher field = CSRF_FIELD.matcher(form.text());
        assertTrue(cookie.find() && field.find(), form.text());
        String body = "csrf=" + field.group(1) + "&login=" + login + "&password=" + password;
        return from.send("POST", "/login", Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Cookie", "fl_login_csrf=" + cookie.group(1)), body.getBytes(StandardCharsets.UTF_8));
    }
}
