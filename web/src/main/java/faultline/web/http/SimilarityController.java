package faultline.web.http;

import faultline.grader.course.CourseException;
import faultline.grader.grading.Regrade;
import faultline.web.grades.Similarities;
import faultline.web.render.Pages;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Code similarity for staff: a lab's ranked pairs, a background run with its progress, a pair side by side. */
final class SimilarityController {

    private final Similarities similarities;
    private final Pages pages;

    SimilarityController(Similarities similarities, Pages pages) {
        this.similarities = similarities;
        this.pages = pages;
    }

    void lab(Context ctx) {
        Map<String, Object> model = Requests.model(ctx);
        Similarities.LabPage page = page(ctx);
        model.put("page", page);
        model.put("run", page.shown().orElse(null));
        ctx.html(pages.render("similarity", model));
    }

    /** The run's progress, swapped into the lab page every 2 s while it runs. */
    void live(Context ctx) {
        Map<String, Object> model = Requests.model(ctx);
        Similarities.RunLine run = similarities.run(Requests.viewer(ctx), ctx.pathParam("lab"), Requests.id(ctx, "run"));
        model.put("run", run);
        if (run.finished() && ctx.header("HX-Request") != null) {
            // The pairs are part of the whole page: once the run ends, htmx loads it again instead of this part.
            ctx.header("HX-Refresh", "true");
        }
        ctx.html(pages.render("similarity-live", model));
    }

    void start(Context ctx) throws CourseException {
        Regrade.Which which;
        double min;
        try {
            String w = Requests.form(ctx, "which").toUpperCase(Locale.ROOT);
            which = w.isEmpty() ? Regrade.Which.LATEST : Regrade.Which.valueOf(w);
            String m = Requests.form(ctx, "min");
            min = m.isBlank() ? 0 : Double.parseDouble(m);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("Compare either the latest or the best submission of each student, and keep "
                    + "pairs from a percent between 0 and 100.");
        }
        long run;
        try {
            run = similarities.start(Requests.viewer(ctx), ctx.pathParam("lab"), which, min);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        ctx.redirect("/staff/labs/" + ctx.pathParam("lab") + "/similarity?run=" + run, HttpStatus.SEE_OTHER);
    }

    void pair(Context ctx) {
        long rank = Requests.id(ctx, "rank");
        if (rank < 1 || rank > Integer.MAX_VALUE) {
            throw new BadRequestResponse("Pairs are ranked from 1; use the links on the lab's similarity page.");
        }
        Map<String, Object> model = Requests.model(ctx);
        model.put("page", similarities.pair(Requests.viewer(ctx), Requests.id(ctx, "run"), (int) rank));
        ctx.html(pages.render("similarity-pair", model));
    }

    /** The lab page's data as JSON (staff's API tokens only). */
    void api(Context ctx) {
        ctx.json(page(ctx));
    }

    private Similarities.LabPage page(Context ctx) {
        Optional<Long> run = Requests.query(ctx, "run").isEmpty() ? Optional.empty() : Optional.of(number(ctx, "run"));
        String t = Requests.query(ctx, "threshold");
        Optional<Double> threshold;
        try {
            threshold = t.isBlank() ? Optional.empty() : Optional.of(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("The threshold is a percent from 0 to 100, such as 50.");
        }
        try {
            return similarities.lab(Requests.viewer(ctx), ctx.pathParam("lab"), run, threshold);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private static long number(Context ctx, String name) {
        try {
            return Long.parseLong(Requests.query(ctx, name));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("'" + Requests.query(ctx, name) + "' is not a run number; use the links on "
                    + "the pages.");
        }
    }
}
