package faultline.web.http;

import faultline.grader.course.CourseException;
import faultline.grader.users.Users;
import faultline.web.account.Viewer;
import faultline.web.grades.CourseAdmin;
import faultline.web.grades.LabStatistics;
import faultline.web.grades.QueueOverview;
import faultline.web.grades.Scoreboard;
import faultline.web.render.Pages;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** Staff pages (scoreboard, a student's history, lab statistics, the queue) and instructor actions. */
final class StaffController {

    private final Scoreboard scoreboard;
    private final LabStatistics statistics;
    private final QueueOverview queue;
    private final CourseAdmin admin;
    private final Pages pages;

    StaffController(Scoreboard scoreboard, LabStatistics statistics, QueueOverview queue, CourseAdmin admin,
                    Pages pages) {
        this.scoreboard = scoreboard;
        this.statistics = statistics;
        this.queue = queue;
        this.admin = admin;
        this.pages = pages;
    }

    void scoreboard(Context ctx) {
        Map<String, Object> model = Requests.model(ctx);
        String q = Requests.query(ctx, "q");
        String sort = Requests.query(ctx, "sort");
        model.put("rows", scoreboard.rows(Requests.viewer(ctx), q, sort));
        model.put("labs", scoreboard.labs());
        model.put("q", q);
        model.put("sort", sort);
        model.put("published", admin.published());
        model.put("notice", Requests.query(ctx, "notice"));
        ctx.html(pages.render("scoreboard", model));
    }

    void scoreboardCsv(Context ctx) {
        String csv = scoreboard.csv(Requests.viewer(ctx), Requests.query(ctx, "q"), Requests.query(ctx, "sort"));
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"scoreboard.csv\"").result(csv);
    }

    void student(Context ctx) {
        Map<String, Object> model = Requests.model(ctx);
        model.put("history", scoreboard.history(Requests.viewer(ctx), ctx.pathParam("login")));
        ctx.html(pages.render("student", model));
    }

    void labStats(Context ctx) {
        Map<String, Object> model = Requests.model(ctx);
        model.put("stats", statistics.of(Requests.viewer(ctx), ctx.pathParam("lab")));
        ctx.html(pages.render("stats", model));
    }

    void queue(Context ctx) {
        Map<String, Object> model = Requests.model(ctx);
        model.put("q", queue.now(Requests.viewer(ctx)));
        ctx.html(pages.render("queue", model));
    }

    void queueLive(Context ctx) {
        Map<String, Object> model = Requests.model(ctx);
        model.put("q", queue.now(Requests.viewer(ctx)));
        ctx.html(pages.render("queue-live", model));
    }

    void regradeSubmission(Context ctx) {
        long id = Requests.id(ctx, "id");
        admin.regrade(Requests.viewer(ctx), id);
        ctx.redirect("/submissions/" + id, HttpStatus.SEE_OTHER);
    }

    void regradeLab(Context ctx) throws CourseException {
        String which = Requests.form(ctx, "which").toUpperCase(Locale.ROOT);
        CourseAdmin.Which w;
        try {
            w = which.isEmpty() ? CourseAdmin.Which.LATEST : CourseAdmin.Which.valueOf(which);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("Regrade either the latest or the best submission of each student.");
        }
        int n = admin.regradeLab(Requests.viewer(ctx), ctx.pathParam("lab"), w);
        ctx.redirect("/staff/queue?notice=" + n + "+submission(s)+queued+for+regrading", HttpStatus.SEE_OTHER);
    }

    void publish(Context ctx) {
        admin.publish(Requests.viewer(ctx), ctx.pathParam("lab"), !"withdraw".equals(Requests.form(ctx, "action")));
        ctx.redirect("/staff/scoreboard", HttpStatus.SEE_OTHER);
    }

    void roster(Context ctx) throws IOException {
        Viewer viewer = Requests.viewer(ctx);
        UploadedFile file = ctx.uploadedFile("roster");
        if (file == null) {
            throw new BadRequestResponse("Choose a roster CSV file (header login,name,email,role) and import again.");
        }
        Users.Imported result;
        try {
            result = admin.importRoster(viewer, file.content().readNBytes(1 << 20));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        Map<String, Object> model = Requests.model(ctx);
        model.put("result", result);
        ctx.html(pages.render("roster", model));
    }
}
