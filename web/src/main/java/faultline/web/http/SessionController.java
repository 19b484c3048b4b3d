package faultline.web.http;

import faultline.web.Transport;
import faultline.web.account.Accounts;
import faultline.web.account.LoginRefusedException;
import faultline.web.account.OpenedSession;
import faultline.web.account.Secrets;
import faultline.web.account.SessionStore;
import faultline.web.render.Pages;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in and out. The sign-in form has no session yet, so it is protected by a double-submit token: a
 * random value in a SameSite=Strict cookie that the form must echo.
 */
final class SessionController {

    private final Accounts accounts;
    private final Pages pages;
    private final Secrets secrets;
    private final Transport transport;

    SessionController(Accounts accounts, Pages pages, Secrets secrets, Transport transport) {
        this.accounts = accounts;
        this.pages = pages;
        this.secrets = secrets;
        this.transport = transport;
    }

    void home(Context ctx) {
        Object viewer = ctx.attribute(Requests.VIEWER);
        ctx.redirect(viewer == null ? "/login" : "/labs");
    }

    void form(Context ctx) {
        showForm(ctx, "", HttpStatus.OK);
    }

    void signIn(Context ctx) {
        String expected = Optional.ofNullable(ctx.cookie(Requests.LOGIN_CSRF_COOKIE)).orElse("");
        String sent = Requests.form(ctx, "csrf");
        if (expected.isEmpty() || !Secrets.same(expected, sent)) {
            throw new CsrfRejectedException();
        }
        try {
            OpenedSession session = accounts.signIn(Requests.form(ctx, "login"), Requests.form(ctx, "password"),
                    Requests.source(ctx, transport));
            ctx.cookie(cookie(ctx, Requests.SESSION_COOKIE, session.cookieSecret(),
                    (int) SessionStore.LIFETIME.toSeconds(), SameSite.LAX));
            ctx.redirect(session.signedIn().viewer().isStaff() ? "/staff/scoreboard" : "/labs", HttpStatus.SEE_OTHER);
        } catch (LoginRefusedException e) {
            showForm(ctx, e.getMessage(), e.throttled() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.UNAUTHORIZED);
        }
    }

    void signOut(Context ctx) {
        Optional.ofNullable(ctx.cookie(Requests.SESSION_COOKIE)).ifPresent(accounts::signOut);
        ctx.cookie(cookie(ctx, Requests.SESSION_COOKIE, "", 0, SameSite.LAX));
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private void showForm(Context ctx, String error, HttpStatus status) {
        String token = secrets.fresh();
        ctx.cookie(cookie(ctx, Requests.LOGIN_CSRF_COOKIE, token, 3600, SameSite.STRICT));
        ctx.status(status).html(pages.render("login", Map.of("csrf", token, "error", error,
                "login", Requests.form(ctx, "login"))));
    }

    private Cookie cookie(Context ctx, String name, String value, int maxAge, SameSite sameSite) {
        return new Cookie(name, value, "/", maxAge, Requests.overHttps(ctx, transport), true, null, sameSite);
    }
}
