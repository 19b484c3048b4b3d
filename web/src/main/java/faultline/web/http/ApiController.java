package faultline.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faultline.grader.course.CourseException;
import faultline.grader.course.LabConfig;
import faultline.grader.grading.Accepted;
import faultline.grader.submission.SubmissionRejectedException;
import faultline.web.Transport;
import faultline.web.account.Accounts;
import faultline.web.account.ApiTokens;
import faultline.web.account.IssuedToken;
import faultline.web.account.LoginRefusedException;
import faultline.web.account.Viewer;
import faultline.web.grades.Submissions;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON API the command line uses. A token is obtained once with login and password; every other call
 * carries it as a bearer token. Answers come from the same services as the pages, so the same rules apply.
 */
final class ApiController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Accounts accounts;
    private final ApiTokens tokens;
    private final Submissions submissions;
    private final long uploadLimit;
    private final Transport transport;

    ApiController(Accounts accounts, ApiTokens tokens, Submissions submissions, long uploadLimit,
                  Transport transport) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.submissions = submissions;
        this.uploadLimit = uploadLimit;
        this.transport = transport;
    }

    void issueToken(Context ctx) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new BadRequestResponse("Send a JSON object with login and password.");
        }
        if (body == null || !body.path("login").isTextual() || !body.path("password").isTextual()) {
            throw new BadRequestResponse("Send a JSON object with login and password.");
        }
        try {
            Viewer viewer = accounts.verify(body.get("login").asText(), body.get("password").asText(),
                    Requests.source(ctx, transport));
            IssuedToken token = tokens.issue(viewer, body.path("label").asText("command line"));
            ctx.status(HttpStatus.CREATED).json(Map.of("token", token.token(), "login", viewer.login(),
                    "role", viewer.role().name()));
        } catch (LoginRefusedException e) {
            ctx.status(e.throttled() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.UNAUTHORIZED)
                    .json(Map.of("error", e.getMessage()));
        }
    }

    void labs(Context ctx) {
        Viewer viewer = Requests.viewer(ctx);
        ctx.json(submissions.labs(viewer));
    }

    /** The body is the archive itself (application/zip or application/gzip); ?name= names it in messages. */
    void submit(Context ctx) throws CourseException {
        Viewer viewer = Requests.viewer(ctx);
        byte[] body = Uploads.body(ctx, uploadLimit);
        if (body.length == 0) {
            throw new BadRequestResponse("The request has no archive in its body. Send the .zip or .tar.gz itself.");
        }
        String name = Requests.query(ctx, "name").isEmpty() ? "upload" : Requests.query(ctx, "name");
        try {
            Accepted a = submissions.submit(viewer, ctx.pathParam("lab"), name, body);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", a.submissionId());
            out.put("job", a.jobId());
            out.put("files", a.files());
            out.put("dropped", a.dropped());
            out.put("lateStatus", a.lateStatus().name());
            out.put("url", ctx.scheme() + "://" + ctx.host() + "/submissions/" + a.submissionId());
            ctx.status(HttpStatus.CREATED).json(out);
        } catch (SubmissionRejectedException e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT).json(Map.of("error", e.getMessage()));
        }
    }

    void submission(Context ctx) {
        ctx.json(submissions.page(Requests.viewer(ctx), Requests.id(ctx, "id")));
    }

    static List<String> labNames(List<LabConfig> labs) {
        return labs.stream().map(LabConfig::name).toList();
    }
}
