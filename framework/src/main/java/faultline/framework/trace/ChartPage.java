package faultline.framework.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A failing run's message-sequence chart as a page of its own, written beside the trace's JSON so a student opens
 * it in a browser from the handout folder: what failed, the scenario, the command that replays the run, and the
 * chart that the dashboard draws for the same trace.
 */
public final class ChartPage {

    /** Rows drawn on the page: enough for the lead-up to a failure, small enough to open at once. */
    static final int MAX_ROWS = 400;

    private ChartPage() {
    }

    /** The page for {@code file}; {@code replay} is the command that replays the run ("" for none). */
    public static String html(TraceFile file, String replay) {
        SequenceChart.Drawing chart = SequenceChart.draw(file, SequenceChart.View.whole(MAX_ROWS));
        String test = file.field("test").isEmpty() ? "a test" : file.field("test");
        StringBuilder page = new StringBuilder(chart.svg().length() + 3000);
        page.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(SequenceChart.text(test + " seed " + file.field("seed"))).append("</title>\n")
                .append("<style>body{font-family:system-ui,sans-serif;margin:1rem;}pre{white-space:pre-wrap;"
                        + "background:#f8fafc;padding:.5rem;}.chart{overflow:auto;border:1px solid #cbd5e1;}"
                        + "</style></head><body>\n");
        page.append("<h1>").append(SequenceChart.text(test)).append(" · seed ")
                .append(SequenceChart.text(file.field("seed"))).append("</h1>\n");
        chart.failure().ifPresent(f -> page.append("<p><strong>Failed at ").append(f.time()).append(" ms:</strong> ")
                .append(SequenceChart.text(f.what())).append(" <a href=\"#failure\">Jump to the failure in the chart"
                        + "</a></p>\n"));
        if (!file.field(TraceFile.FAILURE).isEmpty()) {
            page.append("<pre>").append(SequenceChart.text(file.field(TraceFile.FAILURE))).append("</pre>\n");
        }
        if (!file.field("scenario").isEmpty()) {
            page.append("<p>Scenario: <code>").append(SequenceChart.text(file.field("scenario"))).append("</code></p>\n");
        }
        if (!replay.isEmpty()) {
            page.append("<p>Replay this run: <code>").append(SequenceChart.text(replay)).append("</code></p>\n");
        }
        page.append("<p>").append(file.recorded()).append(" events recorded; timer events are folded into grey rows."
                + "</p>\n<div class=\"chart\">").append(chart.svg()).append("</div>\n</body></html>\n");
        return page.toString();
    }

    /** Writes the page to {@code file}, creating its folder. */
    public static void write(Path file, TraceFile trace, String replay) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, html(trace, replay), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the chart page " + file, e);
        }
    }
}
