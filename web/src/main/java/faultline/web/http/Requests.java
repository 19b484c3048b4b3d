package faultline.web.http;

import faultline.web.Transport;
import faultline.web.account.SignedIn;
import faultline.web.account.Viewer;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What handlers read from a request after the filters ran: the viewer, the session, and checked parameters. */
final class Requests {

    static final String SIGNED_IN = "faultline.signedIn";
    static final String VIEWER = "faultline.viewer";
    static final String SESSION_COOKIE = "fl_session";
    static final String LOGIN_CSRF_COOKIE = "fl_login_csrf";

    private Requests() {
    }

    static Viewer viewer(Context ctx) {
        Viewer viewer = ctx.attribute(VIEWER);
        if (viewer == null) {
            throw new SignInRequiredException();
        }
        return viewer;
    }

    static String csrf(Context ctx) {
        SignedIn s = ctx.attribute(SIGNED_IN);
        return s == null ? "" : s.csrfToken();
    }

    static long id(Context ctx, String param) {
        try {
            return Long.parseLong(ctx.pathParam(param));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("'" + ctx.pathParam(param) + "' is not a number; use the links on the pages.");
        }
    }

    static String query(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v;
    }

    static String form(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v;
    }

    /** Whether the browser used HTTPS, as far as the dashboard can tell; decides the Secure flag of cookies. */
    static boolean overHttps(Context ctx, Transport transport) {
        if (transport.secureCookies() || ctx.req().isSecure()) {
            return true;
        }
        String forwarded = Optional.ofNullable(ctx.header("X-Forwarded-Proto")).orElse("");
        return transport.trustProxy() && forwarded.split(",")[0].trim().equalsIgnoreCase("https");
    }

    /**
     * The address a request comes from, for the sign-in throttle: the connection's peer, or behind a trusted
     * proxy the last address in X-Forwarded-For (the one the proxy itself appended; earlier ones are the
     * client's word).
     */
    static String source(Context ctx, Transport transport) {
        String forwarded = Optional.ofNullable(ctx.header("X-Forwarded-For")).orElse("");
        if (transport.trustProxy() && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].trim();
        }
        return ctx.ip();
    }

    static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    /** The model every page starts from: who is looking and the token its forms must carry. */
    static Map<String, Object> model(Context ctx) {
        Map<String, Object> model = new HashMap<>();
        Viewer viewer = ctx.attribute(VIEWER);
        if (viewer != null) {
            model.put("viewer", viewer);
            model.put("staff", viewer.isStaff());
            model.put("instructor", viewer.isInstructor());
        }
        model.put("csrf", csrf(ctx));
        return model;
    }
}
