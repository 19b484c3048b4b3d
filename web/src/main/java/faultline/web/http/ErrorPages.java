package faultline.web.http;

import faultline.grader.course.CourseException;
import faultline.grader.store.StoreException;
import faultline.grader.submission.SubmissionRejectedException;
import faultline.web.grades.NotAllowedException;
import faultline.web.grades.NotFoundException;
import faultline.web.grades.NotReleasedException;
import faultline.web.render.Pages;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place exceptions become responses: a page for browsers, {"error": sentence} for the API. */
final class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    private static final String HANDLED = "faultline.errorHandled";

    private final Pages pages;
    private final long uploadLimit;

    ErrorPages(Pages pages, long uploadLimit) {
        this.pages = pages;
        this.uploadLimit = uploadLimit;
    }

    void register(RoutesConfig routes) {
        routes.exception(SignInRequiredException.class, (e, ctx) -> {
            if (Requests.isApi(ctx)) {
                respond(ctx, HttpStatus.UNAUTHORIZED, "Send a valid API token (Authorization: Bearer ...). "
                        + "Make one on the dashboard's API tokens page, or pass --login YOUR_LOGIN to the handout's "
                        + "`java Submit.java` to sign in.");
            } else {
                ctx.redirect("/login", HttpStatus.SEE_OTHER);
            }
        });
        routes.exception(NotFoundException.class, (e, ctx) -> respond(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
        routes.exception(NotReleasedException.class,
                (e, ctx) -> respond(ctx, HttpStatus.FORBIDDEN, e.getMessage(), "Not released yet"));
        routes.exception(NotAllowedException.class, (e, ctx) -> respond(ctx, HttpStatus.FORBIDDEN, e.getMessage()));
        routes.exception(CsrfRejectedException.class, (e, ctx) -> respond(ctx, HttpStatus.FORBIDDEN, e.getMessage()));
        routes.exception(UploadTooLargeException.class,
                (e, ctx) -> respond(ctx, HttpStatus.CONTENT_TOO_LARGE, e.getMessage()));
        routes.exception(SubmissionRejectedException.class,
                (e, ctx) -> respond(ctx, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()));
        // The data folder could not be written (disk full, read-only...): the sentence says so, nothing was stored.
        routes.exception(StoreException.class, (e, ctx) -> {
            LOG.error("Request {} {} could not use the data folder: {}", ctx.method(), ctx.path(), e.getMessage());
            respond(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        });
        routes.exception(CourseException.class,
                (e, ctx) -> respond(ctx, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, HttpStatus.forStatus(e.getStatus()),
                e.getStatus() == 404 && e.getMessage().startsWith("Endpoint ")
                        ? "There is no page at " + ctx.path() + ". Use the links above." : e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            // A form sent without a declared length (chunked) is found too large only while Jetty parses it; it
            // stops reading there, and the answer is the same as for a declared length over the limit.
            if (UploadTooLargeException.isMultipartOverLimit(e)) {
                respond(ctx, HttpStatus.CONTENT_TOO_LARGE, new UploadTooLargeException(uploadLimit).getMessage());
                return;
            }
            LOG.error("Request {} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "The dashboard failed while answering ("
                    + e.getClass().getSimpleName() + "). This is a bug in Faultline; tell the course staff what you "
                    + "were doing.");
        });
        routes.error(404, ctx -> {
            if (ctx.attribute(HANDLED) == null) {
                respond(ctx, HttpStatus.NOT_FOUND, "There is no page at " + ctx.path() + ". Use the links above.");
            }
        });
    }

    private void respond(Context ctx, HttpStatus status, String message) {
        respond(ctx, status, message, "");
    }

    private void respond(Context ctx, HttpStatus status, String message, String heading) {
        ctx.attribute(HANDLED, Boolean.TRUE);
        ctx.status(status);
        if (Requests.isApi(ctx)) {
            ctx.json(Map.of("error", message));
        } else {
            Map<String, Object> model = Requests.model(ctx);
            model.put("status", status.getCode());
            model.put("message", message);
            model.put("heading", heading);
            ctx.html(pages.render("problem", model));
        }
    }

    static BadRequestResponse bad(String message) {
        return new BadRequestResponse(message);
    }
}
