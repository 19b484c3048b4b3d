package faultline.web.http;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import faultline.web.Dashboard;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;

/** Every route of the dashboard, grouped by who may use it, with the filters and error pages around them. */
public final class Routes {

    /**
     * Pages load scripts, styles, images and fonts from this server only (htmx and Pico come from its WebJars),
     * and nothing inline: an injected {@code <script>} or {@code onclick} does not run. Pico draws its icons from
     * data: URLs. No page may be framed, forms post only here, and {@code <base>} and plugins are off. A response
     * that sets its own policy (a trace chart) keeps it.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private Routes() {
    }

    public static void configure(JavalinConfig config, Dashboard d) {
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = d.uploadLimit();
        config.jetty.multipartConfig.maxFileSize(d.uploadLimit(), SizeUnit.BYTES);
        config.jetty.multipartConfig.maxTotalRequestSize(d.uploadLimit(), SizeUnit.BYTES);
        config.jsonMapper(new JavalinJackson(new ObjectMapper().registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS), false));
        config.staticFiles.enableWebjars();
        config.staticFiles.add(files -> {
            files.hostedPath = "/static";
            files.directory = "/faultline/web/static";
            files.location = Location.CLASSPATH;
        });

        Gatekeeper gate = new Gatekeeper(d.accounts(), d.tokens(), d.uploadLimit());
        SessionController session = new SessionController(d.accounts(), d.pages(), d.secrets(), d.transport());
        StudentController student = new StudentController(d.submissions(), d.handouts(), d.tokens(), d.pages(),
                d.uploadLimit());
        StaffController staff = new StaffController(d.scoreboard(), d.statistics(), d.queue(), d.admin(), d.pages());
        SimilarityController similarity = new SimilarityController(d.similarities(), d.pages());
        ApiController api = new ApiController(d.accounts(), d.tokens(), d.submissions(), d.uploadLimit(), d.transport());

        config.routes.beforeMatched(gate::check);
        config.routes.after(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Referrer-Policy", "same-origin");
            if (ctx.res().getHeader("Content-Security-Policy") == null) {
                ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            }
        });
        new ErrorPages(d.pages(), d.uploadLimit()).register(config.routes);

        config.routes.apiBuilder(() -> {
            get("/", session::home, Access.ANYONE);
            get("/login", session::form, Access.ANYONE);
            post("/login", session::signIn, Access.ANYONE);
            post("/logout", session::signOut, Access.SIGNED_IN);

            get("/labs", student::labs, Access.SIGNED_IN);
            post("/labs/{lab}/submissions", student::upload, Access.SIGNED_IN);
            get("/labs/{lab}/handout", student::handout, Access.SIGNED_IN);
            path("/submissions/{id}", () -> {
                get(student::submission, Access.SIGNED_IN);
                get("/live", student::live, Access.SIGNED_IN);
                post("/regrade", staff::regradeSubmission, Access.INSTRUCTOR);
            });
            get("/traces/{id}", student::trace, Access.SIGNED_IN);
            get("/traces/{id}/chart.svg", student::traceSvg, Access.SIGNED_IN);
            get("/traces/{id}/trace.json", student::traceJson, Access.SIGNED_IN);
            path("/tokens", () -> {
                get(student::tokenPage, Access.SIGNED_IN);
                post(student::issueToken, Access.SIGNED_IN);
                post("/{id}/revoke", student::revokeToken, Access.SIGNED_IN);
            });

            path("/staff", () -> {
                get("/scoreboard", staff::scoreboard, Access.STAFF);
                get("/scoreboard.csv", staff::scoreboardCsv, Access.STAFF);
                get("/students/{login}", staff::student, Access.STAFF);
                get("/labs/{lab}/stats", staff::labStats, Access.STAFF);
                get("/labs/{lab}/similarity", similarity::lab, Access.STAFF);
                post("/labs/{lab}/similarity", similarity::start, Access.STAFF);
                get("/labs/{lab}/similarity/runs/{run}/live", similarity::live, Access.STAFF);
                get("/similarity/{run}/pairs/{rank}", similarity::pair, Access.STAFF);
                post("/labs/{lab}/regrade", staff::regradeLab, Access.INSTRUCTOR);
                post("/labs/{lab}/publish", staff::publish, Access.INSTRUCTOR);
                get("/queue", staff::queue, Access.STAFF);
                get("/queue/live", staff::queueLive, Access.STAFF);
                post("/workers/return", staff::returnToRotation, Access.INSTRUCTOR);
                post("/flags/decide", staff::decideFlag, Access.INSTRUCTOR);
                post("/roster", staff::roster, Access.INSTRUCTOR);
            });

            path("/api", () -> {
                post("/tokens", api::issueToken, Access.TOKEN, Access.ANYONE);
                get("/labs", api::labs, Access.TOKEN);
                post("/labs/{lab}/submissions", api::submit, Access.TOKEN);
                get("/submissions/{id}", api::submission, Access.TOKEN);
                get("/labs/{lab}/similarity", similarity::api, Access.TOKEN);
            });
        });
    }
}
