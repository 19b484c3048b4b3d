package faultline.web.http;

import faultline.grader.course.CourseException;
import faultline.grader.grading.Regrade;
import faultline.grader.records.Calibrations;
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
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
        Scoreboard.Table table = scoreboard.table(Requests.viewer(ctx), q, sort);
        model.put("rowsHtml", ROWS_PLACEHOLDER);
        model.put("count", table.rows().size());
        model.put("labs", scoreboard.labs());
        model.put("q", q);
        model.put("sort", sort);
        model.put("published", admin.published());
        model.put("notice", Requests.query(ctx, "notice"));
        String page = pages.render("scoreboard", model);
        int at = page.indexOf(ROWS_PLACEHOLDER);
        byte[] rows = rowsHtml(table, q, sort);
        byte[] before = page.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = page.substring(at + ROWS_PLACEHOLDER.length()).getBytes(StandardCharsets.UTF_8);
        byte[] whole = new byte[before.length + rows.length + after.length];
        System.arraycopy(before, 0, whole, 0, before.length);
        System.arraycopy(rows, 0, whole, before.length, rows.length);
        System.arraycopy(after, 0, whole, before.length + rows.length, after.length);
        ctx.contentType("text/html; charset=utf-8").result(whole);
    }

    /** Where the page's template puts the rows, which are spliced in already encoded. */
    private static final String ROWS_PLACEHOLDER = "<!-- scoreboard rows -->";

    /**
     * The board's rows as UTF-8 HTML, per data version, filter and sort. The rows are the same for every member of
     * staff (the page around them is not: it holds each session's CSRF token), and rendering 300 students x
     * labs is most of what a scoreboard request costs. Entries of older versions are never asked for again;
     * the map is emptied when it grows past a handful of filters and sorts.
     */
    private final Map<String, byte[]> renderedRows = new ConcurrentHashMap<>();

    private byte[] rowsHtml(Scoreboard.Table table, String q, String sort) {
        if (renderedRows.size() > 64) {
            renderedRows.clear();
        }
        return renderedRows.computeIfAbsent(table.version() + "\n" + q + "\n" + sort,
                key -> pages.render("scoreboard-rows", Map.of("rows", table.rows())).getBytes(StandardCharsets.UTF_8));
    }

    void scoreboardCsv(Context ctx) {
        String format = Requests.query(ctx, "format");
        String csv = scoreboard.csv(Requests.viewer(ctx), Requests.query(ctx, "q"), Requests.query(ctx, "sort"), format);
        String name = format.equals("canvas") || format.equals("moodle") ? "gradebook-" + format : "scoreboard";
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").result(csv);
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
        Regrade.Which w;
        try {
            w = which.isEmpty() ? Regrade.Which.LATEST : Regrade.Which.valueOf(which);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("Regrade either the latest or the best submission of each student.");
        }
        int n = admin.regradeLab(Requests.viewer(ctx), ctx.pathParam("lab"), w);
        ctx.redirect("/staff/queue?notice=" + n + "+submission(s)+queued+for+regrading", HttpStatus.SEE_OTHER);
    }

    void returnToRotation(Context ctx) {
        admin.returnToRotation(Requests.viewer(ctx), Requests.form(ctx, "worker"));
        ctx.redirect("/staff/queue?notice=The+worker+is+back+in+rotation", HttpStatus.SEE_OTHER);
    }

    void decideFlag(Context ctx) {
        Calibrations.Decision decision = switch (Requests.form(ctx, "decision")) {
            case "count" -> Calibrations.Decision.COUNT;
            case "never" -> Calibrations.Decision.NEVER;
            default -> throw new BadRequestResponse("Decide either to count the test's failures or never to count "
                    + "them, with the buttons on the queue page.");
        };
        admin.decideFlag(Requests.viewer(ctx), Requests.form(ctx, "lab"), Requests.form(ctx, "suite"),
                Requests.form(ctx, "test"), decision);
        ctx.redirect("/staff/queue?notice=" + (decision == Calibrations.Decision.COUNT
                ? "Its+failures+count+again;+scores+recomputed" : "Its+failures+are+never+counted;+scores+recomputed"),
                HttpStatus.SEE_OTHER);
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
