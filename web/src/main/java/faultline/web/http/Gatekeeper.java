package faultline.web.http;

import faultline.web.account.Accounts;
import faultline.web.account.ApiTokens;
import faultline.web.account.Secrets;
import faultline.web.account.SignedIn;
import faultline.web.account.Viewer;
import faultline.web.grades.NotAllowedException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every matched route: finds who is asking (session cookie, or bearer token on the API), checks
 * the route's {@link Access}, and checks the CSRF token of every state-changing request made with a session.
 */
final class Gatekeeper {

    private final Accounts accounts;
    private final ApiTokens tokens;
    private final long maxBody;

    Gatekeeper(Accounts accounts, ApiTokens tokens, long maxBody) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.maxBody = maxBody;
    }

    void check(Context ctx) {
        // Refuse an oversized body before anything parses it.
        if (ctx.req().getContentLengthLong() > maxBody) {
            throw new UploadTooLargeException(maxBody);
        }
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(Access.TOKEN)) {
            String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
            Optional<Viewer> viewer = header.startsWith("Bearer ")
                    ? tokens.authenticate(header.substring("Bearer ".length()).trim()) : Optional.empty();
            if (viewer.isEmpty() && !roles.contains(Access.ANYONE)) {
                throw new SignInRequiredException();
            }
            viewer.ifPresent(v -> ctx.attribute(Requests.VIEWER, v));
            return;
        }
        Optional<SignedIn> session = Optional.ofNullable(ctx.cookie(Requests.SESSION_COOKIE))
                .flatMap(accounts::session);
        session.ifPresent(s -> {
            ctx.attribute(Requests.SIGNED_IN, s);
            ctx.attribute(Requests.VIEWER, s.viewer());
        });
        if (roles.isEmpty() || roles.contains(Access.ANYONE)) {
            return;
        }
        Viewer viewer = session.map(SignedIn::viewer).orElseThrow(SignInRequiredException::new);
        if (roles.contains(Access.INSTRUCTOR) && !viewer.isInstructor()) {
            throw new NotAllowedException("Only instructors may do this. Ask an instructor of the course.");
        }
        if (roles.contains(Access.STAFF) && !viewer.isStaff()) {
            throw new NotAllowedException("This page is for course staff. Go back to your labs.");
        }
        if (changesState(ctx)) {
            String sent = Optional.ofNullable(ctx.header("X-CSRF-Token")).orElseGet(() -> Requests.form(ctx, "csrf"));
            if (sent.isEmpty() || !Secrets.same(sent, session.get().csrfToken())) {
                throw new CsrfRejectedException();
            }
        }
    }

    private static boolean changesState(Context ctx) {
        HandlerType m = ctx.method();
        return m == HandlerType.POST || m == HandlerType.PUT || m == HandlerType.PATCH || m == HandlerType.DELETE;
    }
}
