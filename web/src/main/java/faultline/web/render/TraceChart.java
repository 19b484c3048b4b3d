package faultline.web.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Draws a trace (the JSON a failing test writes, see {@code faultline.framework.trace.Trace#writeJson}) as a
 * message-sequence chart in SVG: a lifeline per node, time downwards, one row per event; a SEND and the
 * DELIVERs with its id are joined by an arrow, a DROP is an arrow that ends in an X, crashes, restarts and
 * faults (partitions, heals) are marked across the lifelines. At most {@code maxEvents} events are drawn and a
 * note says how many were left out, so a long trace cannot freeze the page.
 */
public final class TraceChart {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Wide enough for a typical message label (clipped at 48 characters) between two lanes.
    private static final int LANE = 240;
    private static final int ROW = 22;
    private static final int LEFT = 90;
    private static final int TOP = 70;

    private final int maxEvents;

    public TraceChart(int maxEvents) {
        this.maxEvents = maxEvents;
    }

    record Event(long t, String kind, String node, String peer, long id, String detail) {
    }

    /** The chart, or an SVG that says the trace could not be read. */
    public String svg(String traceJson) {
        JsonNode root;
        try {
            root = JSON.readTree(traceJson);
        } catch (JsonProcessingException e) {
            return message("This trace file is not valid JSON, so it cannot be drawn.");
        }
        if (root == null || !root.path("events").isArray()) {
            return message("This trace file has no events to draw.");
        }
        List<Event> all = new ArrayList<>();
        for (JsonNode e : root.path("events")) {
            all.add(new Event(e.path("t").asLong(), e.path("kind").asText("NOTE"), e.path("node").asText(""),
                    e.path("peer").asText(""), e.path("id").asLong(0), e.path("detail").asText("")));
        }
        List<Event> drawn = all.subList(0, Math.min(all.size(), maxEvents));
        Set<String> nodes = new TreeSet<>();
        for (Event e : drawn) {
            if (!e.node().isEmpty()) {
                nodes.add(e.node());
            }
            if (!e.peer().isEmpty()) {
                nodes.add(e.peer());
            }
        }
        List<String> lanes = new ArrayList<>(nodes.isEmpty() ? new LinkedHashSet<>(List.of("-")) : nodes);
        Map<String, Integer> laneOf = new HashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            laneOf.put(lanes.get(i), i);
        }
        int width = LEFT + lanes.size() * LANE + 200; // room for labels written to the right of the last lane
        int height = TOP + drawn.size() * ROW + 70;
        StringBuilder svg = new StringBuilder(drawn.size() * 200 + 2000);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trace-chart\" role=\"img\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\" font-family=\"monospace\" font-size=\"11\">");
        svg.append("<title>").append(Svg.text("Message-sequence chart of " + root.path("test").asText("a test")
                + " (seed " + root.path("seed").asText("?") + ")")).append("</title>");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1d4ed8\"/>"
                + "</marker></defs>");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        String heading = root.path("test").asText("") + "  seed " + root.path("seed").asText("?")
                + (root.path("scenario").asText("").isEmpty() ? "" : "  scenario " + root.path("scenario").asText());
        svg.append("<text x=\"8\" y=\"18\" font-weight=\"bold\">").append(Svg.text(Svg.clip(heading, 160)))
                .append("</text>");
        for (int i = 0; i < lanes.size(); i++) {
            int x = laneX(i);
            svg.append("<rect x=\"").append(x - 55).append("\" y=\"32\" width=\"110\" height=\"22\" rx=\"4\" "
                    + "fill=\"#e0e7ff\" stroke=\"#4338ca\"/>");
            svg.append("<text x=\"").append(x).append("\" y=\"47\" text-anchor=\"middle\" class=\"lane\">")
                    .append(Svg.text(Svg.clip(lanes.get(i), 16))).append("</text>");
            svg.append("<line x1=\"").append(x).append("\" y1=\"54\" x2=\"").append(x).append("\" y2=\"")
                    .append(height - 50).append("\" stroke=\"#94a3b8\" stroke-dasharray=\"4 3\"/>");
        }
        Map<Long, Integer> sendRow = new HashMap<>();
        Map<Long, Event> sendOf = new HashMap<>();
        for (int row = 0; row < drawn.size(); row++) {
            Event e = drawn.get(row);
            int y = TOP + row * ROW;
            int lane = laneOf.getOrDefault(e.node(), 0);
            int x = laneX(lane);
            svg.append("<text x=\"8\" y=\"").append(y + 4).append("\" fill=\"#64748b\">").append(e.t())
                    .append("</text>");
            switch (e.kind()) {
                case "SEND" -> {
                    sendRow.put(e.id(), row);
                    sendOf.put(e.id(), e);
                    svg.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"2.5\" "
                            + "fill=\"#1d4ed8\"/>");
                }
                case "DELIVER" -> {
                    Event send = sendOf.get(e.id());
                    int fromLane = send != null ? laneOf.getOrDefault(send.node(), lane)
                            : laneOf.getOrDefault(e.peer(), lane);
                    int fromY = send != null ? TOP + sendRow.get(e.id()) * ROW : y;
                    arrow(svg, laneX(fromLane), fromY, x, y, "#1d4ed8", "arrow");
                    label(svg, (laneX(fromLane) + x) / 2.0, (fromY + y) / 2.0 - 3,
                            e.detail().isEmpty() && send != null ? send.detail() : e.detail(), "#1e3a8a");
                }
                case "DROP" -> {
                    Event send = sendOf.get(e.id());
                    String fromNode = send != null ? send.node() : e.node();
                    String toNode = send != null ? send.peer() : e.peer();
                    int fromX = laneX(laneOf.getOrDefault(fromNode, lane));
                    int toX = laneX(laneOf.getOrDefault(toNode.isEmpty() ? fromNode : toNode, lane));
                    int fromY = send != null ? TOP + sendRow.get(e.id()) * ROW : y;
                    double endX = fromX + (toX - fromX) * 0.6;
                    arrow(svg, fromX, fromY, endX, y, "#dc2626", "");
                    svg.append("<path class=\"drop\" d=\"M").append(Svg.n(endX - 5)).append(',').append(y - 5)
                            .append(" l10,10 m0,-10 l-10,10\" stroke=\"#dc2626\" stroke-width=\"2\"/>");
                    label(svg, endX + 8, y + 4, "dropped " + e.detail(), "#b91c1c");
                }
                case "DUPLICATE" -> label(svg, x + 6, y + 4, "duplicated " + e.detail(), "#a16207");
                case "TIMER_SET" -> {
                    svg.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"4\" fill=\"none\" "
                            + "stroke=\"#64748b\"/>");
                    label(svg, x + 8, y + 4, "set " + e.detail(), "#64748b");
                }
                case "TIMER_FIRE" -> {
                    svg.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"4\" "
                            + "fill=\"#64748b\"/>");
                    label(svg, x + 8, y + 4, "timer " + e.detail(), "#475569");
                }
                case "CRASH" -> {
                    svg.append("<rect class=\"crash\" x=\"").append(x - 40).append("\" y=\"").append(y - 8)
                            .append("\" width=\"80\" height=\"16\" fill=\"#fee2e2\" stroke=\"#dc2626\"/>");
                    svg.append("<text x=\"").append(x).append("\" y=\"").append(y + 4)
                            .append("\" text-anchor=\"middle\" fill=\"#b91c1c\" font-weight=\"bold\">CRASH</text>");
                }
                case "RESTART" -> {
                    svg.append("<rect class=\"restart\" x=\"").append(x - 40).append("\" y=\"").append(y - 8)
                            .append("\" width=\"80\" height=\"16\" fill=\"#dcfce7\" stroke=\"#16a34a\"/>");
                    svg.append("<text x=\"").append(x).append("\" y=\"").append(y + 4)
                            .append("\" text-anchor=\"middle\" fill=\"#15803d\" font-weight=\"bold\">RESTART</text>");
                }
                case "FAULT" -> {
                    svg.append("<line class=\"fault\" x1=\"").append(LEFT - 20).append("\" y1=\"").append(y)
                            .append("\" x2=\"").append(width - 10).append("\" y2=\"").append(y)
                            .append("\" stroke=\"#ea580c\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>");
                    label(svg, LEFT - 16, y - 4, "fault: " + e.detail(), "#c2410c");
                }
                case "INVOKE", "RETURN" -> label(svg, x + 6, y + 4, (e.kind().equals("INVOKE") ? "→ " : "← ")
                        + e.detail(), "#7c3aed");
                case "ERROR" -> label(svg, x + 6, y + 4, "error: " + e.detail(), "#dc2626");
                default -> label(svg, x + 6, y + 4, e.detail(), "#334155");
            }
        }
        int omittedByRecorder = root.path("omitted").asInt(0);
        int notDrawn = all.size() - drawn.size();
        if (notDrawn > 0 || omittedByRecorder > 0) {
            String note = (notDrawn > 0 ? "Showing the first " + drawn.size() + " of " + all.size()
                    + " recorded events. " : "")
                    + (omittedByRecorder > 0 ? omittedByRecorder + " events were left out of the trace file by "
                    + "the recorder." : "");
            svg.append("<text class=\"note\" x=\"8\" y=\"").append(height - 20).append("\" fill=\"#b45309\">")
                    .append(Svg.text(note)).append("</text>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static int laneX(int lane) {
        return LEFT + LANE / 2 + lane * LANE;
    }

    private static void arrow(StringBuilder svg, double x1, double y1, double x2, double y2, String colour,
                              String marker) {
        svg.append("<line class=\"msg\" x1=\"").append(Svg.n(x1)).append("\" y1=\"").append(Svg.n(y1))
                .append("\" x2=\"").append(Svg.n(x2)).append("\" y2=\"").append(Svg.n(y2)).append("\" stroke=\"")
                .append(colour).append("\" stroke-width=\"1.3\"");
        if (!marker.isEmpty()) {
            svg.append(" marker-end=\"url(#").append(marker).append(")\"");
        }
        svg.append("/>");
    }

    private static void label(StringBuilder svg, double x, double y, String text, String colour) {
        if (text.isEmpty()) {
            return;
        }
        svg.append("<text x=\"").append(Svg.n(x)).append("\" y=\"").append(Svg.n(y)).append("\" fill=\"")
                .append(colour).append("\">").append(Svg.text(Svg.clip(text, 48))).append("</text>");
    }

    private static String message(String text) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"40\"><text x=\"8\" y=\"24\" "
                + "font-family=\"sans-serif\">" + Svg.text(text) + "</text></svg>";
    }
}
