package faultline.framework.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Draws a {@link TraceFile} as a message-sequence chart in SVG: a lifeline per node, time downwards, one row per
 * event. A send and its delivery are joined by an arrow labelled at its head; a drop is a dashed red arrow that
 * ends in an X; a partition or heal is an orange band across the chart; a crashed node's lifeline is red and
 * dotted until it restarts. Timer events are folded into one grey row per run of them, since periodic timers
 * would otherwise fill the chart. The failure (the first error a handler threw, else the failed check at the
 * end of the run) is a red band with id {@code failure}; when there are more rows than the view allows, the
 * rows that lead up to the failure are the ones drawn. The dashboard and the handout's chart page both draw
 * with this class, so a student sees locally the chart a TA sees online.
 */
public final class SequenceChart {

    private static final int LANE = 190;
    private static final int MIN_LANE = 90;
    /** The width a chart of a few nodes fits in: a 1280-pixel window's content column. */
    private static final int FIT_WIDTH = 1120;
    private static final int MIN_WIDTH = 600;
    private static final int ROW = 20;
    private static final int LEFT = 116;
    private static final int TOP = 96;
    private static final int LABEL_CHARS = 40;

    /**
     * What part of a trace to draw.
     *
     * @param nodes   the lanes to draw (empty: every node)
     * @param from    first time (ms) drawn
     * @param to      last time (ms) drawn
     * @param maxRows at most this many rows; past it, the rows up to the failure (or from {@code from}) are drawn
     * @param find    text to look for in the events (case aside): the rows drawn are the ones around its first
     *                match, which is marked with id {@code found}; "" for none
     * @param focus   when not empty, only events of these nodes (sent, received or happening at them) are drawn,
     *                on every lane: the traffic of the nodes a failure is about
     */
    public record View(Set<String> nodes, long from, long to, int maxRows, String find, Set<String> focus) {

        public View {
            nodes = Set.copyOf(nodes);
            focus = Set.copyOf(focus);
            if (maxRows < 1) {
                throw new IllegalArgumentException("A chart needs room for at least one row.");
            }
        }

        public View(Set<String> nodes, long from, long to, int maxRows) {
            this(nodes, from, to, maxRows, "", Set.of());
        }

        /** Every node and every time, at most {@code maxRows} rows, ending shortly after the failure. */
        public static View whole(int maxRows) {
            return new View(Set.of(), Long.MIN_VALUE, Long.MAX_VALUE, maxRows);
        }

        /**
         * The lead-up to the failure as a preview shows it: when the failure names nodes of the trace ("client 1",
         * "p3", which stands for p3/paxos too), only their traffic, so the rows drawn are about them; else the last
         * rows before the failure.
         */
        public static View preview(TraceFile file, int maxRows) {
            String failure = failureOf(file).map(Failure::what).orElse("") + "\n" + file.field(TraceFile.FAILURE);
            Set<String> named = new java.util.TreeSet<>();
            for (String node : nodesOf(file)) {
                // A node named stands for its components too: "p3" for p3/paxos.
                if (names(failure, node) || node.contains("/") && names(failure, node.substring(0, node.indexOf('/')))) {
                    named.add(node);
                }
            }
            return new View(Set.of(), Long.MIN_VALUE, Long.MAX_VALUE, maxRows, "", named);
        }

        /** A copy that looks for {@code text}. */
        public View finding(String text) {
            return new View(nodes, from, to, maxRows, text.strip(), focus);
        }

        boolean timeLimited() {
            return from != Long.MIN_VALUE || to != Long.MAX_VALUE;
        }
    }

    /** Whether {@code text} names {@code node} as a word ("client1" or "client 1", "p3", not "p31"). */
    static boolean names(String text, String node) {
        String spaced = node.replaceAll("(?<=[A-Za-z])(?=\\d)", " ");
        for (String form : new LinkedHashSet<>(List.of(node, spaced))) {
            if (java.util.regex.Pattern.compile("(?<![\\w/])" + java.util.regex.Pattern.quote(form) + "(?![\\w])")
                    .matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The trace's nodes in natural order: names compared with their numbers as numbers, so p2 comes before p10 and
     * a node before its components (p3 before p3/paxos, p4).
     */
    public static List<String> nodesOf(TraceFile file) {
        Set<String> all = new java.util.TreeSet<>(SequenceChart::compareNatural);
        for (TraceEvent e : file.events()) {
            if (!e.node().isEmpty()) {
                all.add(e.node());
            }
            if (!e.peer().isEmpty()) {
                all.add(e.peer());
            }
        }
        return List.copyOf(all);
    }

    static int compareNatural(String a, String b) {
        java.util.regex.Matcher x = CHUNK.matcher(a);
        java.util.regex.Matcher y = CHUNK.matcher(b);
        while (x.find() && y.find()) {
            String p = x.group();
            String q = y.group();
            int c = Character.isDigit(p.charAt(0)) && Character.isDigit(q.charAt(0))
                    ? new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length(), b.length()) != 0 ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static final java.util.regex.Pattern CHUNK = java.util.regex.Pattern.compile("\\d+|\\D+");

    /**
     * A drawn chart and what it shows, for the page around it.
     *
     * @param svg       the chart
     * @param nodes     every node of the trace, in natural order (p2 before p10)
     * @param firstTime the trace's first event time (ms)
     * @param lastTime  the trace's last event time (ms)
     * @param shownFrom the first time drawn
     * @param shownTo   the last time drawn
     * @param rows      rows drawn
     * @param hiddenRows rows of the selection left out to respect the view's limit
     * @param failure   the failure's time and what it says, when the trace has one
     * @param heads     the lane heads alone, as a strip as wide as the chart, for a page to pin above it
     * @param matches   rows of the selection that hold the text the view looks for
     */
    public record Drawing(String svg, List<String> nodes, long firstTime, long lastTime, long shownFrom, long shownTo,
                          int rows, int hiddenRows, Optional<Failure> failure, String heads, int matches) {

        public Drawing {
            nodes = List.copyOf(nodes);
        }
    }

    /** Where a run failed and why. */
    public record Failure(long time, String what) {
    }

    private enum RowKind { EVENT, FOLD, FAILURE }

    private record Row(RowKind kind, long time, long until, TraceEvent event, String text) {
    }

    private SequenceChart() {
    }

    /** The failure a trace records: the first handler error, else the failed check the header names. */
    public static Optional<Failure> failureOf(TraceFile file) {
        for (TraceEvent e : file.events()) {
            if (e.kind() == TraceEvent.Kind.ERROR) {
                return Optional.of(new Failure(e.time(), firstLine(e.detail())));
            }
        }
        if (file.field(TraceFile.FAILURE).isEmpty()) {
            return Optional.empty();
        }
        long last = file.events().isEmpty() ? 0 : file.events().get(file.events().size() - 1).time();
        return Optional.of(new Failure(file.failedAt().orElse(last), firstLine(file.field(TraceFile.FAILURE))));
    }

    public static Drawing draw(TraceFile file, View view) {
        List<String> all = nodesOf(file);
        List<String> lanes = new ArrayList<>();
        for (String n : all) {
            if (view.nodes().isEmpty() || view.nodes().contains(n)) {
                lanes.add(n);
            }
        }
        Optional<Failure> failure = failureOf(file);
        boolean errorEvent = failure.isPresent() && file.events().stream().anyMatch(e -> e.kind() == TraceEvent.Kind.ERROR);
        List<Row> rows = foldRounds(rows(file, view, lanes, failure.filter(f -> !errorEvent)));
        List<Integer> matching = new ArrayList<>();
        if (!view.find().isEmpty()) {
            for (int i = 0; i < rows.size(); i++) {
                if (matches(rows.get(i), view.find())) {
                    matching.add(i);
                }
            }
        }
        int failureRow = -1;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.kind() == RowKind.FAILURE || (r.kind() == RowKind.EVENT && r.event().kind() == TraceEvent.Kind.ERROR)) {
                failureRow = i;
                break;
            }
        }
        int start = 0;
        int end = rows.size();
        if (rows.size() > view.maxRows()) {
            if (!matching.isEmpty()) {
                start = Math.max(0, Math.min(rows.size() - view.maxRows(), matching.get(0) - view.maxRows() / 3));
                end = start + view.maxRows();
            } else if (failureRow >= 0 && view.from() == Long.MIN_VALUE) {
                end = Math.min(rows.size(), failureRow + 1 + Math.min(8, view.maxRows() / 6));
                start = Math.max(0, end - view.maxRows());
            } else {
                end = view.maxRows();
            }
        }
        List<Row> shown = rows.subList(start, end);
        long firstTime = file.events().isEmpty() ? 0 : file.events().get(0).time();
        long lastTime = Math.max(file.events().isEmpty() ? 0 : file.events().get(file.events().size() - 1).time(),
                failure.map(Failure::time).orElse(Long.MIN_VALUE));
        long shownFrom = shown.isEmpty() ? firstTime : shown.get(0).time();
        long shownTo = shown.isEmpty() ? lastTime : shown.get(shown.size() - 1).until();
        int foundRow = matching.isEmpty() ? -1 : matching.get(0) - start;
        int lane = laneWidth(lanes.size());
        String svg = svg(file, lanes, shown, crashedBefore(file, shownFrom, start > 0), rows.size(), start,
                failure, view, failureRow - start, foundRow, lane);
        return new Drawing(svg, all, firstTime, lastTime, shownFrom, shownTo, shown.size(),
                rows.size() - shown.size(), failure, heads(lanes, lane), matching.size());
    }

    /** Lanes narrow as they multiply, so five or six nodes fit a laptop's window without scrolling sideways. */
    private static int laneWidth(int lanes) {
        return Math.max(MIN_LANE, Math.min(LANE, (FIT_WIDTH - LEFT - 40) / Math.max(1, lanes)));
    }

    private static int chartWidth(int lanes, int lane) {
        return Math.max(MIN_WIDTH, LEFT + Math.max(1, lanes) * lane + 40);
    }

    private static boolean matches(Row r, String find) {
        String needle = find.toLowerCase(Locale.ROOT);
        String hay = r.kind() == RowKind.EVENT
                ? r.event().node() + " " + r.event().peer() + " " + r.event().kind() + " " + r.event().detail()
                : r.text();
        return hay.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** The lane heads as their own strip, for a page to keep in view while the chart scrolls under it. */
    private static String heads(List<String> lanes, int lane) {
        int width = chartWidth(lanes.size(), lane);
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trace-heads\" width=\"").append(width)
                .append("\" height=\"30\" viewBox=\"0 0 ").append(width).append(" 30\" font-family=\"monospace\""
                        + " font-size=\"11\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        s.append("<text x=\"8\" y=\"19\" fill=\"#64748b\">time (ms)</text>");
        for (int i = 0; i < lanes.size(); i++) {
            laneHead(s, "lane-pin", laneX(i, lane), 4, lanes.get(i), lane);
        }
        return s.append("</svg>").toString();
    }

    private static void laneHead(StringBuilder s, String cls, int x, int y, String name, int lane) {
        int box = Math.min(120, lane - 10);
        s.append("<rect class=\"lane-head\" x=\"").append(x - box / 2).append("\" y=\"").append(y)
                .append("\" width=\"").append(box).append("\" height=\"22\" rx=\"4\" fill=\"#e0e7ff\" stroke=\"#4338ca\"/>");
        s.append("<text class=\"").append(cls).append("\" x=\"").append(x).append("\" y=\"").append(y + 15)
                .append("\" text-anchor=\"middle\">");
        if (name.length() > box / 7) {
            s.append("<title>").append(text(name)).append("</title>");
        }
        s.append(text(clip(name, Math.max(4, box / 7)))).append("</text>");
    }

    private static List<Row> rows(TraceFile file, View view, List<String> lanes, Optional<Failure> endFailure) {
        Set<String> visible = new LinkedHashSet<>(lanes);
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> folded = new TreeMap<>();
        long foldFrom = 0;
        long foldTo = 0;
        boolean failureAdded = false;
        for (TraceEvent e : file.events()) {
            if (e.time() < view.from() || e.time() > view.to()) {
                continue;
            }
            boolean mine = visible.contains(e.node()) || (e.node().isEmpty() && e.kind() == TraceEvent.Kind.FAULT);
            if (e.kind() == TraceEvent.Kind.FAULT) {
                mine = true; // partitions and heals concern every lane
            }
            if (!mine || !about(e, view.focus())) {
                continue;
            }
            if (!failureAdded && endFailure.isPresent() && e.time() > endFailure.get().time()) {
                flushFold(rows, folded, foldFrom, foldTo);
                rows.add(new Row(RowKind.FAILURE, endFailure.get().time(), endFailure.get().time(), null,
                        endFailure.get().what()));
                failureAdded = true;
            }
            if (e.kind() == TraceEvent.Kind.TIMER_SET || e.kind() == TraceEvent.Kind.TIMER_FIRE) {
                if (folded.isEmpty()) {
                    foldFrom = e.time();
                }
                foldTo = e.time();
                folded.merge(timerName(e.detail()), 1, Integer::sum);
                continue;
            }
            flushFold(rows, folded, foldFrom, foldTo);
            rows.add(new Row(RowKind.EVENT, e.time(), e.time(), e, ""));
        }
        flushFold(rows, folded, foldFrom, foldTo);
        if (!failureAdded && endFailure.isPresent() && endFailure.get().time() >= view.from()
                && endFailure.get().time() <= view.to()) {
            rows.add(new Row(RowKind.FAILURE, endFailure.get().time(), endFailure.get().time(), null,
                    endFailure.get().what()));
        }
        return rows;
    }

    /** Whether an event concerns one of the focused nodes (any event does when none are focused). */
    private static boolean about(TraceEvent e, Set<String> focus) {
        return focus.isEmpty() || e.kind() == TraceEvent.Kind.FAULT || e.kind() == TraceEvent.Kind.ERROR
                || focus.contains(e.node()) || focus.contains(e.peer());
    }

    /** Longest repeating exchange looked for: a round of up to this many rows. */
    private static final int MAX_ROUND = 8;

    /**
     * Folds periodic traffic: where the same round of rows (the same messages between the same nodes, the same
     * folded timers) repeats three or more times in a row, the first and last rounds are drawn and the ones
     * between become one grey row. Drops, faults, crashes and errors never fold, so they always stand out.
     */
    private static List<Row> foldRounds(List<Row> rows) {
        List<Row> out = new ArrayList<>(rows.size());
        int i = 0;
        while (i < rows.size()) {
            int bestP = 0;
            int bestK = 0;
            for (int p = 1; p <= MAX_ROUND && i + 3 * p <= rows.size(); p++) {
                int k = 1;
                while (i + (k + 1) * p <= rows.size() && sameRound(rows, i, i + k * p, p)) {
                    k++;
                }
                if (k >= 3 && k * p > bestK * bestP) {
                    bestP = p;
                    bestK = k;
                }
            }
            if (bestK == 0) {
                out.add(rows.get(i++));
                continue;
            }
            out.addAll(rows.subList(i, i + bestP));
            List<Row> middle = rows.subList(i + bestP, i + (bestK - 1) * bestP);
            Set<String> names = new LinkedHashSet<>();
            for (Row r : rows.subList(i, i + bestP)) {
                if (r.kind() == RowKind.EVENT && r.event().kind() == TraceEvent.Kind.SEND) {
                    names.add(r.event().node() + "→" + r.event().peer() + " " + timerName(r.event().detail()));
                } else if (r.kind() == RowKind.FOLD) {
                    names.add("timers");
                }
            }
            int rounds = bestK - 2;
            out.add(new Row(RowKind.FOLD, middle.get(0).time(), middle.get(middle.size() - 1).until(), null,
                    rounds + (rounds == 1 ? " more round" : " more rounds") + " of the same exchange folded ("
                            + String.join(", ", names) + ")"));
            out.addAll(rows.subList(i + (bestK - 1) * bestP, i + bestK * bestP));
            i += bestK * bestP;
        }
        return out;
    }

    private static boolean sameRound(List<Row> rows, int a, int b, int length) {
        for (int j = 0; j < length; j++) {
            String x = signature(rows.get(a + j));
            if (x.isEmpty() || !x.equals(signature(rows.get(b + j)))) {
                return false;
            }
        }
        return true;
    }

    /** What a row looks like with its arguments left out; "" for rows that must never fold. */
    private static String signature(Row r) {
        return switch (r.kind()) {
            case FAILURE -> "";
            case FOLD -> "fold " + r.text().replaceAll("\\d+", "#");
            case EVENT -> switch (r.event().kind()) {
                case SEND, DELIVER -> r.event().kind() + " " + r.event().node() + " " + r.event().peer() + " "
                        + timerName(r.event().detail());
                default -> "";
            };
        };
    }

    private static void flushFold(List<Row> rows, Map<String, Integer> folded, long from, long to) {
        if (folded.isEmpty()) {
            return;
        }
        int total = folded.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder text = new StringBuilder();
        text.append(total).append(total == 1 ? " timer event" : " timer events").append(" folded: ");
        int shown = 0;
        for (Map.Entry<String, Integer> e : folded.entrySet()) {
            if (shown++ > 0) {
                text.append(", ");
            }
            if (shown > 3) {
                text.append("…");
                break;
            }
            text.append(e.getKey()).append(" ×").append(e.getValue());
        }
        rows.add(new Row(RowKind.FOLD, from, to, null, text.toString()));
        folded.clear();
    }

    /** A timer's name without its arguments: {@code PingTick(seq=3)} folds with {@code PingTick(seq=4)}. */
    private static String timerName(String detail) {
        int cut = detail.indexOf('(');
        String name = cut > 0 ? detail.substring(0, cut) : detail;
        return name.isEmpty() ? "timer" : name;
    }

    /** Nodes down (crashed, not restarted) when the drawn window starts. */
    private static Set<String> crashedBefore(TraceFile file, long from, boolean windowCut) {
        Set<String> down = new LinkedHashSet<>();
        if (!windowCut && from <= (file.events().isEmpty() ? 0 : file.events().get(0).time())) {
            return down;
        }
        for (TraceEvent e : file.events()) {
            if (e.time() >= from) {
                break;
            }
            if (e.kind() == TraceEvent.Kind.CRASH) {
                down.add(e.node());
            } else if (e.kind() == TraceEvent.Kind.RESTART) {
                down.remove(e.node());
            }
        }
        return down;
    }

    private static String svg(TraceFile file, List<String> lanes, List<Row> rows, Set<String> downAtStart,
                              int totalRows, int firstRow, Optional<Failure> failure, View view, int failureRow,
                              int foundRow, int lane) {
        Map<String, Integer> laneOf = new HashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            laneOf.put(lanes.get(i), i);
        }
        int width = chartWidth(lanes.size(), lane);
        int height = TOP + rows.size() * ROW + 40;
        StringBuilder s = new StringBuilder(rows.size() * 260 + 4000);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trace-chart\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"monospace\" font-size=\"11\">");
        String test = file.field("test").isEmpty() ? "a test" : file.field("test");
        s.append("<title>").append(text("Message-sequence chart of " + test + " (seed " + or(file.field("seed"), "?")
                + ")")).append("</title>");
        s.append("<defs>");
        marker(s, "arrow", "#1d4ed8");
        marker(s, "arrow-dup", "#a16207");
        s.append("</defs>");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        String heading = test + "  seed " + or(file.field("seed"), "?")
                + (file.field("scenario").isEmpty() ? "" : "  scenario: " + file.field("scenario"));
        s.append("<text x=\"8\" y=\"16\" font-weight=\"bold\">").append(text(clip(heading, 150))).append("</text>");
        legend(s, 8, 34);
        String note = note(file, rows, totalRows, firstRow, failure, view);
        if (!note.isEmpty()) {
            s.append("<text class=\"note\" x=\"8\" y=\"52\" fill=\"#92400e\">").append(text(note)).append("</text>");
        }
        int laneTop = TOP - 26;
        int laneBottom = height - 24;
        s.append("<text class=\"time-unit\" x=\"8\" y=\"").append(laneTop + 15).append("\" fill=\"#64748b\">time (ms)</text>");
        // Lifelines: grey while up, red and dotted while crashed.
        Map<String, Integer> downSince = new LinkedHashMap<>();
        for (String n : downAtStart) {
            if (laneOf.containsKey(n)) {
                downSince.put(n, laneTop + 22);
            }
        }
        StringBuilder lifelines = new StringBuilder();
        Map<String, Integer> upSince = new HashMap<>();
        for (String n : lanes) {
            upSince.put(n, laneTop + 22);
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.kind() != RowKind.EVENT || !laneOf.containsKey(r.event().node())) {
                continue;
            }
            String n = r.event().node();
            int y = TOP + i * ROW;
            if (r.event().kind() == TraceEvent.Kind.CRASH && !downSince.containsKey(n)) {
                lifeline(lifelines, laneX(laneOf.get(n), lane), upSince.get(n), y, false);
                downSince.put(n, y);
            } else if (r.event().kind() == TraceEvent.Kind.RESTART && downSince.containsKey(n)) {
                lifeline(lifelines, laneX(laneOf.get(n), lane), downSince.remove(n), y, true);
                upSince.put(n, y);
            }
        }
        for (String n : lanes) {
            int x = laneX(laneOf.get(n), lane);
            if (downSince.containsKey(n)) {
                lifeline(lifelines, x, downSince.get(n), laneBottom, true);
            } else {
                lifeline(lifelines, x, upSince.get(n), laneBottom, false);
            }
        }
        // Bands and boxes first, then lifelines, arrows and labels on top of them.
        StringBuilder back = new StringBuilder();
        StringBuilder front = new StringBuilder();
        Map<Long, Integer> sendRow = new HashMap<>();
        Map<Long, TraceEvent> sendOf = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int y = TOP + i * ROW;
            front.append("<text class=\"time\" x=\"8\" y=\"").append(y + 4).append("\" fill=\"#64748b\">")
                    .append(r.kind() == RowKind.FOLD && r.until() != r.time() ? r.time() + "–" + r.until()
                            : String.valueOf(r.time())).append("</text>");
            switch (r.kind()) {
                case FOLD -> {
                    back.append("<rect class=\"fold\" x=\"").append(LEFT - 4).append("\" y=\"").append(y - 7)
                            .append("\" width=\"").append(width - LEFT - 8).append("\" height=\"14\" fill=\"#f1f5f9\"/>");
                    front.append(label(LEFT + 4, y + 4, r.text(), "#64748b", "start", 120));
                }
                case FAILURE -> failureBand(back, front, y, width, "The test failed here: " + r.text());
                case EVENT -> {
                    if (i == failureRow) {
                        failureBand(back, front, y, width, "The test failed here: " + firstLine(r.event().detail()));
                    } else {
                        if (i == foundRow) {
                            back.append("<rect id=\"found\" class=\"found\" x=\"4\" y=\"").append(y - 9)
                                    .append("\" width=\"").append(width - 8)
                                    .append("\" height=\"18\" fill=\"#fef08a\" stroke=\"#ca8a04\"/>");
                        }
                        event(r.event(), i, y, width, laneOf, sendRow, sendOf, back, front, lane);
                    }
                }
            }
        }
        s.append(back).append(lifelines).append(front);
        // Lane heads last, so an arrow from a send above the drawn rows passes under them.
        for (int i = 0; i < lanes.size(); i++) {
            laneHead(s, "lane", laneX(i, lane), laneTop, lanes.get(i), lane);
        }
        s.append("</svg>");
        return s.toString();
    }

    private static void event(TraceEvent e, int row, int y, int width, Map<String, Integer> laneOf,
                              Map<Long, Integer> sendRow, Map<Long, TraceEvent> sendOf, StringBuilder back,
                              StringBuilder front, int laneWidth) {
        Integer lane = laneOf.get(e.node());
        int x = lane == null ? LEFT : laneX(lane, laneWidth);
        switch (e.kind()) {
            case SEND -> {
                sendRow.put(e.messageId(), row);
                sendOf.put(e.messageId(), e);
                front.append("<circle class=\"send\" cx=\"").append(x).append("\" cy=\"").append(y)
                        .append("\" r=\"2.5\" fill=\"#1d4ed8\"/>");
                if (!laneOf.containsKey(e.peer())) {
                    front.append(fitted(width, x + 8, y + 4, "→ " + e.peer() + ": " + e.detail(), "#1e3a8a", "start",
                            LABEL_CHARS));
                }
            }
            case DELIVER, DUPLICATE -> {
                boolean dup = e.kind() == TraceEvent.Kind.DUPLICATE;
                String colour = dup ? "#a16207" : "#1d4ed8";
                TraceEvent send = sendOf.get(e.messageId());
                String from = send != null ? send.node() : e.peer();
                String to = dup && send != null ? send.peer() : e.node();
                Integer toLane = laneOf.get(to);
                if (toLane == null) {
                    return;
                }
                int toX = laneX(toLane, laneWidth);
                Integer fromLane = laneOf.get(from);
                double fromX;
                double fromY;
                if (fromLane != null) {
                    fromX = laneX(fromLane, laneWidth);
                    fromY = send != null ? TOP + sendRow.get(e.messageId()) * ROW : y - ROW / 2.0;
                } else {
                    fromX = toX + (toX > LEFT + laneWidth ? -40 : 40);
                    fromY = y;
                }
                line(front, "msg" + (dup ? " duplicate" : ""), fromX, fromY, toX, y, colour, "", dup ? "arrow-dup" : "arrow");
                String what = (dup ? "duplicated " : "") + (e.detail().isEmpty() && send != null ? send.detail() : e.detail())
                        + (fromLane == null ? " (from " + from + ")" : "");
                boolean fromLeft = fromX < toX;
                front.append(fitted(width, fromLeft ? toX + 7 : toX - 7, y + 4, what, dup ? "#854d0e" : "#1e3a8a",
                        fromLeft ? "start" : "end", LABEL_CHARS));
            }
            case DROP -> {
                TraceEvent send = sendOf.get(e.messageId());
                String fromNode = send != null ? send.node() : e.node();
                String toNode = send != null ? send.peer() : e.peer();
                Integer fl = laneOf.get(fromNode);
                Integer tl = laneOf.get(toNode);
                double fromX = fl != null ? laneX(fl, laneWidth) : x;
                double toX = tl != null ? laneX(tl, laneWidth) : fromX + 120;
                double fromY = send != null && fl != null ? TOP + sendRow.get(e.messageId()) * ROW : y;
                double endX = fromX + (toX - fromX) * 0.55;
                line(front, "drop-line", fromX, fromY, endX, y, "#dc2626", "5 3", "");
                front.append("<path class=\"drop\" d=\"M").append(n(endX - 5)).append(',').append(y - 5)
                        .append(" l10,10 m0,-10 l-10,10\" stroke=\"#dc2626\" stroke-width=\"2.2\"/>");
                boolean right = toX >= fromX;
                front.append(fitted(width, right ? endX + 9 : endX - 9, y + 4, "dropped " + e.detail(), "#b91c1c",
                        right ? "start" : "end", LABEL_CHARS));
            }
            case CRASH, RESTART -> {
                boolean crash = e.kind() == TraceEvent.Kind.CRASH;
                back.append("<rect class=\"").append(crash ? "crash" : "restart").append("\" x=\"").append(x - 38)
                        .append("\" y=\"").append(y - 8).append("\" width=\"76\" height=\"16\" rx=\"3\" fill=\"")
                        .append(crash ? "#fee2e2" : "#dcfce7").append("\" stroke=\"")
                        .append(crash ? "#dc2626" : "#16a34a").append("\" stroke-width=\"1.5\"/>");
                front.append("<text x=\"").append(x).append("\" y=\"").append(y + 4).append("\" text-anchor=\"middle\" fill=\"")
                        .append(crash ? "#b91c1c" : "#15803d").append("\" font-weight=\"bold\">")
                        .append(crash ? "CRASH" : "RESTART").append("</text>");
            }
            case FAULT -> {
                back.append("<rect class=\"fault\" x=\"").append(LEFT - 4).append("\" y=\"").append(y - 8)
                        .append("\" width=\"").append(width - LEFT - 8).append("\" height=\"16\" fill=\"#ffedd5\" "
                                + "stroke=\"#ea580c\" stroke-dasharray=\"6 3\"/>");
                front.append(label(LEFT + 4, y + 4, "fault: " + e.detail(), "#9a3412", "start", 110));
            }
            case ERROR -> front.append(fitted(width, x + 7, y + 4, "error: " + e.detail(), "#b91c1c", "start", LABEL_CHARS + 10));
            case INVOKE, RETURN -> {
                front.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"3\" fill=\"#7c3aed\"/>");
                front.append(fitted(width, x + 7, y + 4, (e.kind() == TraceEvent.Kind.INVOKE ? "invoke " : "returns ")
                        + e.detail(), "#6d28d9", "start", LABEL_CHARS + 10));
            }
            default -> front.append(fitted(width, x + 7, y + 4, e.detail(), "#334155", "start", LABEL_CHARS + 10));
        }
    }

    private static void failureBand(StringBuilder back, StringBuilder front, int y, int width, String what) {
        back.append("<rect id=\"failure\" class=\"failure\" x=\"4\" y=\"").append(y - 9).append("\" width=\"")
                .append(width - 8).append("\" height=\"18\" fill=\"#fecaca\" stroke=\"#b91c1c\" stroke-width=\"2\"/>");
        front.append(label(LEFT + 4, y + 4, what, "#7f1d1d", "start", 150).replace("<text ",
                "<text font-weight=\"bold\" "));
    }

    private static String note(TraceFile file, List<Row> rows, int totalRows, int firstRow, Optional<Failure> failure,
                               View view) {
        StringBuilder note = new StringBuilder();
        if (rows.size() < totalRows) {
            note.append("Rows ").append(firstRow + 1).append("–").append(firstRow + rows.size()).append(" of ")
                    .append(totalRows).append(" drawn");
            if (failure.isPresent() && firstRow > 0 && view.from() == Long.MIN_VALUE) {
                note.append(": the ones that lead up to the failure");
            }
            note.append(". ");
        }
        if (!view.focus().isEmpty()) {
            note.append("Only the events of ").append(String.join(", ",
                            view.focus().stream().sorted(SequenceChart::compareNatural).toList()))
                    .append(", the nodes the failure names. ");
        }
        if (view.timeLimited()) {
            note.append("Time window ").append(view.from() == Long.MIN_VALUE ? "start" : view.from() + " ms")
                    .append(" to ").append(view.to() == Long.MAX_VALUE ? "end" : view.to() + " ms").append(". ");
        }
        if (file.events().isEmpty()) {
            note.append("Nothing happened in the run before the failure: no node sent a message or set a timer. ");
        }
        if (file.omitted() > 0) {
            note.append(file.omitted()).append(" events from the middle of the run were not kept by the recorder.");
        }
        return note.toString().trim();
    }

    private static void legend(StringBuilder s, int x, int y) {
        s.append("<g class=\"legend\">");
        s.append("<line x1=\"").append(x).append("\" y1=\"").append(y - 4).append("\" x2=\"").append(x + 24)
                .append("\" y2=\"").append(y - 4).append("\" stroke=\"#1d4ed8\" stroke-width=\"1.3\" marker-end=\"url(#arrow)\"/>");
        s.append("<text x=\"").append(x + 30).append("\" y=\"").append(y).append("\">message</text>");
        s.append("<line x1=\"").append(x + 92).append("\" y1=\"").append(y - 4).append("\" x2=\"").append(x + 112)
                .append("\" y2=\"").append(y - 4).append("\" stroke=\"#dc2626\" stroke-dasharray=\"5 3\"/>");
        s.append("<path d=\"M").append(x + 111).append(',').append(y - 9)
                .append(" l10,10 m0,-10 l-10,10\" stroke=\"#dc2626\" stroke-width=\"2\"/>");
        s.append("<text x=\"").append(x + 128).append("\" y=\"").append(y).append("\">dropped</text>");
        s.append("<rect x=\"").append(x + 190).append("\" y=\"").append(y - 10).append("\" width=\"24\" height=\"12\" "
                + "fill=\"#ffedd5\" stroke=\"#ea580c\" stroke-dasharray=\"6 3\"/>");
        s.append("<text x=\"").append(x + 220).append("\" y=\"").append(y).append("\">partition / heal</text>");
        s.append("<rect x=\"").append(x + 338).append("\" y=\"").append(y - 10).append("\" width=\"24\" height=\"12\" "
                + "fill=\"#fee2e2\" stroke=\"#dc2626\"/>");
        s.append("<text x=\"").append(x + 368).append("\" y=\"").append(y).append("\">crash (lifeline dotted red)</text>");
        s.append("<rect x=\"").append(x + 560).append("\" y=\"").append(y - 10).append("\" width=\"24\" height=\"12\" "
                + "fill=\"#f1f5f9\"/>");
        s.append("<text x=\"").append(x + 590).append("\" y=\"").append(y).append("\">timers folded</text>");
        s.append("</g>");
    }

    private static void marker(StringBuilder s, String id, String colour) {
        s.append("<marker id=\"").append(id).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
                .append(colour).append("\"/></marker>");
    }

    private static void lifeline(StringBuilder s, int x, int y1, int y2, boolean crashed) {
        if (y2 <= y1) {
            return;
        }
        s.append("<line class=\"").append(crashed ? "lifeline down" : "lifeline").append("\" x1=\"").append(x)
                .append("\" y1=\"").append(y1).append("\" x2=\"").append(x).append("\" y2=\"").append(y2)
                .append(crashed ? "\" stroke=\"#dc2626\" stroke-width=\"2\" stroke-dasharray=\"2 4\"/>"
                        : "\" stroke=\"#94a3b8\" stroke-dasharray=\"4 3\"/>");
    }

    private static void line(StringBuilder s, String cls, double x1, double y1, double x2, double y2, String colour,
                             String dash, String marker) {
        s.append("<line class=\"").append(cls).append("\" x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1))
                .append("\" x2=\"").append(n(x2)).append("\" y2=\"").append(n(y2)).append("\" stroke=\"")
                .append(colour).append("\" stroke-width=\"1.4\"");
        if (!dash.isEmpty()) {
            s.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        if (!marker.isEmpty()) {
            s.append(" marker-end=\"url(#").append(marker).append(")\"");
        }
        s.append("/>");
    }

    /** Width of one character of the chart's 11-pixel monospace font, for keeping labels inside the chart. */
    private static final double CHAR_WIDTH = 6.7;

    /**
     * A label kept inside the chart: one that would run past its left or right edge is put on the other side of
     * its point instead (a leftward arrow's label near the first lane, a label beside the last lane).
     */
    private static String fitted(int width, double x, double y, String what, String colour, String anchor, int max) {
        double wide = Math.min(what.length(), max) * CHAR_WIDTH;
        if (anchor.equals("end") && x - wide < LEFT - 40) {
            return label(x + 14, y, what, colour, "start", max);
        }
        if (anchor.equals("start") && x + wide > width - 4) {
            return label(x - 14, y, what, colour, "end", max);
        }
        return label(x, y, what, colour, anchor, max);
    }

    /** A label with a white halo, so an arrow or lifeline passing under it never makes it unreadable. */
    private static String label(double x, double y, String what, String colour, String anchor, int max) {
        if (what.isEmpty()) {
            return "";
        }
        // A clipped label carries its whole text: a tooltip in a browser, and what the chart page shows on a click.
        return "<text class=\"label\" x=\"" + n(x) + "\" y=\"" + n(y) + "\" fill=\"" + colour + "\" text-anchor=\""
                + anchor + "\" stroke=\"#fff\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\">"
                + (what.length() > max ? "<title>" + text(what) + "</title>" : "") + text(clip(what, max)) + "</text>";
    }

    private static int laneX(int lane, int width) {
        return LEFT + width / 2 + lane * width;
    }

    private static String or(String s, String otherwise) {
        return s.isEmpty() ? otherwise : s;
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Escapes text for XML and HTML alike, dropping control characters. */
    public static String text(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
