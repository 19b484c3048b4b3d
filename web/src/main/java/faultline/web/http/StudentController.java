package faultline.web.http;

import faultline.framework.trace.SequenceChart;
import faultline.framework.trace.TraceFile;
import faultline.grader.course.CourseException;
import faultline.grader.grading.Accepted;
import faultline.grader.submission.SubmissionRejectedException;
import faultline.web.account.ApiTokens;
import faultline.web.account.IssuedToken;
import faultline.web.account.Viewer;
import faultline.web.grades.Handouts;
import faultline.web.grades.Submissions;
import faultline.web.render.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** A student's pages: labs, upload, a submission with its live status and results, traces, API tokens. */
final class StudentController {

    private final Submissions submissions;
    private final Handouts handouts;
    private final ApiTokens tokens;
    private final Pages pages;
    private final long uploadLimit;

    StudentController(Submissions submissions, Handouts handouts, ApiTokens tokens, Pages pages, long uploadLimit) {
        this.submissions = submissions;
        this.handouts = handouts;
        this.tokens = tokens;
        this.pages = pages;
        this.uploadLimit = uploadLimit;
    }

    void labs(Context ctx) {
        showLabs(ctx, "", HttpStatus.OK);
    }

    void upload(Context ctx) throws CourseException {
        Viewer viewer = Requests.viewer(ctx);
        Uploads.Archive archive = Uploads.of(ctx.uploadedFiles("files"), uploadLimit);
        try {
            Accepted accepted = submissions.submit(viewer, ctx.pathParam("lab"), archive.name(), archive.bytes());
            ctx.redirect("/submissions/" + accepted.submissionId(), HttpStatus.SEE_OTHER);
        } catch (SubmissionRejectedException e) {
            showLabs(ctx, e.getMessage(), HttpStatus.UNPROCESSABLE_CONTENT);
        }
    }

    void handout(Context ctx) throws java.io.IOException {
        java.nio.file.Path zip = handouts.zip(Requests.viewer(ctx), ctx.pathParam("lab"));
        ctx.contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + zip.getFileName() + "\"")
                .result(java.nio.file.Files.readAllBytes(zip));
    }

    void submission(Context ctx) {
        Viewer viewer = Requests.viewer(ctx);
        Map<String, Object> model = Requests.model(ctx);
        model.put("page", submissions.page(viewer, Requests.id(ctx, "id")));
        model.put("scoreChanges", submissions.scoreChanges(viewer, Requests.id(ctx, "id")));
        ctx.html(pages.render("submission", model));
    }

    /** The live part of a submission page, polled by htmx until grading has finished. */
    void live(Context ctx) {
        Viewer viewer = Requests.viewer(ctx);
        Map<String, Object> model = Requests.model(ctx);
        model.put("page", submissions.page(viewer, Requests.id(ctx, "id")));
        ctx.html(pages.render("live", model));
    }

    /** Rows of the chart a submission page shows: the lead-up to the failure, at a glance. */
    static final int PREVIEW_ROWS = 20;
    /** Rows of the chart page: the reader narrows it further by node and time. */
    static final int PAGE_ROWS = 160;

    /** The chart page: the chart with its failure marked, and a form to pick nodes and a time window. */
    void trace(Context ctx) {
        long id = Requests.id(ctx, "id");
        SequenceChart.View view = new SequenceChart.View(new java.util.TreeSet<>(ctx.queryParams("node")),
                millis(ctx, "from", Long.MIN_VALUE), millis(ctx, "to", Long.MAX_VALUE), PAGE_ROWS)
                .finding(Requests.query(ctx, "find"));
        TraceFile file = submissions.trace(Requests.viewer(ctx), id);
        SequenceChart.Drawing chart = SequenceChart.draw(file, view);
        Map<String, Object> model = Requests.model(ctx);
        model.put("id", id);
        model.put("file", file);
        model.put("chart", chart);
        model.put("svg", chart.svg());
        model.put("heads", chart.heads());
        model.put("find", view.find());
        model.put("selected", view.nodes());
        model.put("from", view.from() == Long.MIN_VALUE ? "" : String.valueOf(view.from()));
        model.put("to", view.to() == Long.MAX_VALUE ? "" : String.valueOf(view.to()));
        ctx.html(pages.render("trace", model));
    }

    /**
     * The chart alone as an image, drawn up to its failure (the traffic of the nodes the failure names, when it
     * names some): what a submission page shows inline.
     */
    void traceSvg(Context ctx) {
        TraceFile file = submissions.trace(Requests.viewer(ctx), Requests.id(ctx, "id"));
        SequenceChart.Drawing chart = SequenceChart.draw(file, SequenceChart.View.preview(file, PREVIEW_ROWS));
        ctx.contentType("image/svg+xml").header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .result(chart.svg());
    }

    /** The trace as the test kit wrote it, to keep or to read with other tools. */
    void traceJson(Context ctx) {
        long id = Requests.id(ctx, "id");
        byte[] json = submissions.traceJson(Requests.viewer(ctx), id);
        ctx.contentType("application/json")
                .header("Content-Disposition", "attachment; filename=\"trace-" + id + ".json\"").result(json);
    }

    private static long millis(Context ctx, String name, long otherwise) {
        String v = Requests.query(ctx, name).strip();
        if (v.isEmpty()) {
            return otherwise;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new io.javalin.http.BadRequestResponse("'" + v + "' is not a time in milliseconds; give a whole "
                    + "number such as 1500, or leave the field empty.");
        }
    }

    void tokenPage(Context ctx) {
        showTokens(ctx, "");
    }

    void issueToken(Context ctx) {
        IssuedToken issued = tokens.issue(Requests.viewer(ctx), Requests.form(ctx, "label"));
        showTokens(ctx, issued.token());
    }

    void revokeToken(Context ctx) {
        tokens.revoke(Requests.viewer(ctx), Requests.id(ctx, "id"));
        ctx.redirect("/tokens", HttpStatus.SEE_OTHER);
    }

    private void showTokens(Context ctx, String fresh) {
        Map<String, Object> model = Requests.model(ctx);
        model.put("tokens", tokens.of(Requests.viewer(ctx)));
        model.put("fresh", fresh);
        model.put("server", ctx.scheme() + "://" + ctx.host());
        ctx.html(pages.render("tokens", model));
    }

    private void showLabs(Context ctx, String error, HttpStatus status) {
        Viewer viewer = Requests.viewer(ctx);
        Map<String, Object> model = Requests.model(ctx);
        model.put("labs", submissions.labs(viewer));
        model.put("lateDaysLeft", submissions.lateDaysLeft(viewer));
        model.put("lateBudget", submissions.course().late().lateDaysBudget());
        model.put("submissions", submissions.mine(viewer));
        model.put("scoreChanges", submissions.scoreChanges(viewer));
        model.put("error", error);
        model.put("errorLab", error.isEmpty() ? "" : ctx.pathParam("lab"));
        ctx.status(status).html(pages.render("labs", model));
    }
}
