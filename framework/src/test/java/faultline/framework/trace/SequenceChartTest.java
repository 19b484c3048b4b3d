package faultline.framework.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.trace.TraceEvent.Kind;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SequenceChartTest {

    private static TraceFile file(List<TraceEvent> events, String failure, long failedAt) {
        Map<String, String> about = new LinkedHashMap<>();
        about.put("test", "T#m");
        about.put("seed", "7");
        about.put("scenario", "s");
        if (!failure.isEmpty()) {
            about.put(TraceFile.FAILURE, failure);
            about.put(TraceFile.FAILED_AT, Long.toString(failedAt));
        }
        return new TraceFile(about, events.size(), 0, events.size(), "d", events);
    }

    private static TraceEvent e(long t, Kind kind, String node, String peer, long id, String detail) {
        return new TraceEvent(t, kind, node, peer, id, detail);
    }

    @Test
    void theJsonTheTraceWritesIsTheJsonTheChartReads() throws Exception {
        Trace trace = Trace.bounded(100);
        trace.record(e(0, Kind.SEND, "a", "b", 1, "Put(x)"));
        trace.record(e(3, Kind.DELIVER, "b", "a", 1, "Put(x)"));
        StringWriter json = new StringWriter();
        trace.writeJson(json, Map.of("test", "T#m", TraceFile.FAILURE, "boom"));
        TraceFile read = TraceFile.read(json.toString());
        assertEquals(trace.events(), read.events());
        assertEquals("boom", read.field(TraceFile.FAILURE));
        assertEquals(trace.digest(), read.digest());
    }

    @Test
    void joinsASendToItsDeliveryAndLabelsTheArrowHeadWithAHalo() {
        String svg = SequenceChart.draw(file(List.of(
                e(0, Kind.SEND, "a", "b", 1, "Put(x)"),
                e(1, Kind.SEND, "a", "c", 2, "Put(y)"),
                e(2, Kind.DELIVER, "c", "a", 2, "Put(y)"),
                e(3, Kind.DELIVER, "b", "a", 1, "Put(x)")), "", 0), SequenceChart.View.whole(100)).svg();
        assertEquals(3, count(svg, "class=\"lane\""));
        assertEquals(2, count(svg, "class=\"msg\""));
        // a is lane 0 (x=211), b lane 1 (x=401); the send is row 0 (y=96), the delivery row 3 (y=156).
        assertTrue(svg.contains("x1=\"211.0\" y1=\"96.0\" x2=\"401.0\" y2=\"156.0\""), svg);
        // The label sits beside the arrow's head, on the side away from the arrow, over a white halo.
        assertTrue(svg.contains("x=\"408.0\" y=\"160.0\" fill=\"#1e3a8a\" text-anchor=\"start\" stroke=\"#fff\""), svg);
    }

    @Test
    void dropsPartitionsCrashesAndRestartsEachLookTheirOwn() {
        String svg = SequenceChart.draw(file(List.of(
                e(0, Kind.SEND, "a", "b", 1, "Ping"),
                e(1, Kind.DROP, "a", "b", 1, "Ping"),
                e(2, Kind.FAULT, "a", "", 0, "partition {a} | {b}"),
                e(3, Kind.CRASH, "b", "", 0, ""),
                e(4, Kind.RESTART, "b", "", 0, "")), "", 0), SequenceChart.View.whole(100)).svg();
        assertEquals(1, count(svg, "class=\"drop\""));
        assertEquals(1, count(svg, "class=\"fault\""));
        assertEquals(1, count(svg, "class=\"crash\""));
        assertEquals(1, count(svg, "class=\"restart\""));
        assertEquals(1, count(svg, "class=\"lifeline down\""), "b's lifeline is drawn as down between crash and restart");
        assertTrue(svg.contains("partition {a} | {b}"));
    }

    @Test
    void foldsRunsOfTimerEventsIntoOneRow() {
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(e(i * 100L, Kind.TIMER_SET, "a", "", 0, "PingTick(seq=" + i + ")"));
            events.add(e(i * 100L + 100, Kind.TIMER_FIRE, "a", "", 0, "PingTick(seq=" + i + ")"));
        }
        events.add(e(2100, Kind.SEND, "a", "b", 1, "Ping"));
        SequenceChart.Drawing chart = SequenceChart.draw(file(events, "", 0), SequenceChart.View.whole(100));
        assertEquals(2, chart.rows(), "one folded row for 40 timer events, one for the send");
        assertTrue(chart.svg().contains("40 timer events folded: PingTick ×40"), chart.svg());
    }

    @Test
    void foldsPeriodicExchangesButNeverADrop() {
        List<TraceEvent> events = new ArrayList<>();
        long id = 0;
        for (int i = 0; i < 50; i++) {
            long t = i * 100L;
            events.add(e(t, Kind.TIMER_FIRE, "client", "", 0, "PingTick(" + i + ")"));
            events.add(e(t, Kind.SEND, "client", "server", ++id, "Ping(" + i + ")"));
            events.add(e(t + 3, i == 30 ? Kind.DROP : Kind.DELIVER, "server", "client", id, "Ping(" + i + ")"));
        }
        SequenceChart.Drawing chart = SequenceChart.draw(file(events, "", 0), SequenceChart.View.whole(1000));
        // Rounds 0-29 fold to first + fold row + last (7 rows), round 30 with its drop stays (3), rounds 31-49 fold (7).
        assertEquals(17, chart.rows(), chart.svg());
        assertTrue(chart.svg().contains("28 more rounds of the same exchange folded (timers, client→server Ping)"),
                chart.svg());
        assertEquals(1, count(chart.svg(), "class=\"drop\""));
    }

    @Test
    void aLongRunIsDrawnUpToItsFailureNotFromItsStart() {
        List<TraceEvent> events = new ArrayList<>();
        // Five servers in turn: a round of ten rows, too long to fold, so every row stays.
        for (int i = 0; i < 2000; i++) {
            events.add(e(i * 10L, Kind.SEND, "client", "server" + i % 5, i + 1, "Ping(" + i + ")"));
            events.add(e(i * 10L + 5, Kind.DELIVER, "server" + i % 5, "client", i + 1, "Ping(" + i + ")"));
        }
        SequenceChart.Drawing chart = SequenceChart.draw(file(events, "expected a pong within 5 s\nseed: 7", 20_000),
                SequenceChart.View.whole(60));
        assertEquals(60, chart.rows());
        assertEquals(3941, chart.hiddenRows());
        Matcher band = Pattern.compile("id=\"failure\" class=\"failure\" x=\"4\" y=\"(\\d+)\"").matcher(chart.svg());
        assertTrue(band.find(), "the failure is marked");
        assertTrue(Integer.parseInt(band.group(1)) < 1400, "the failure is near the top of the chart, not 80 000 px down");
        assertTrue(chart.svg().contains("The test failed here: expected a pong within 5 s"));
        assertTrue(chart.svg().contains("Rows 3942–4001 of 4001 drawn: the ones that lead up to the failure."),
                chart.svg());
    }

    @Test
    void theFirstErrorAHandlerThrewIsTheFailure() {
        SequenceChart.Drawing chart = SequenceChart.draw(file(List.of(
                e(0, Kind.SEND, "a", "b", 1, "Ping"),
                e(4, Kind.ERROR, "b", "", 0, "NullPointerException"),
                e(9, Kind.ERROR, "b", "", 0, "later")), "check failed", 20), SequenceChart.View.whole(100));
        assertEquals(4, chart.failure().orElseThrow().time());
        assertEquals(1, count(chart.svg(), "id=\"failure\""));
    }

    @Test
    void aViewDrawsOnlyItsNodesAndItsTime() {
        TraceFile f = file(List.of(
                e(0, Kind.SEND, "a", "b", 1, "Ping"),
                e(5, Kind.DELIVER, "b", "a", 1, "Ping"),
                e(10, Kind.SEND, "c", "a", 2, "Other"),
                e(20, Kind.DELIVER, "a", "c", 2, "Other")), "", 0);
        SequenceChart.Drawing onlyAB = SequenceChart.draw(f, new SequenceChart.View(Set.of("a", "b"),
                Long.MIN_VALUE, Long.MAX_VALUE, 100));
        assertEquals(List.of("a", "b", "c"), onlyAB.nodes());
        assertEquals(2, count(onlyAB.svg(), "class=\"lane\""));
        assertTrue(onlyAB.svg().contains("Other (from c)"), "a message from a hidden node says where it came from");
        SequenceChart.Drawing late = SequenceChart.draw(f, new SequenceChart.View(Set.of(), 8, 15, 100));
        assertEquals(1, late.rows());
        assertEquals(10, late.shownFrom());
    }

    @Test
    void escapesWhatTheTraceSays() {
        String svg = SequenceChart.draw(file(List.of(e(0, Kind.NOTE, "a", "", 0, "<script>alert(1)</script>")), "", 0),
                SequenceChart.View.whole(10)).svg();
        assertFalse(svg.contains("<script>"));
        assertTrue(svg.contains("&lt;script&gt;"));
    }

    @Test
    void aBrokenFileIsASentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TraceFile.read("{not json"));
        assertTrue(e.getMessage().contains("not valid JSON"));
    }

    @Test
    void theHandoutPageCarriesTheChartTheFailureAndTheReplayCommand() {
        String page = ChartPage.html(file(List.of(e(0, Kind.SEND, "a", "b", 1, "Ping")), "lost <ping>", 3),
                "mvn test -Dtest=T#m -Dfaultline.seed=7");
        assertTrue(page.contains("<svg"));
        assertTrue(page.contains("href=\"#failure\""));
        assertTrue(page.contains("lost &lt;ping&gt;"));
        assertTrue(page.contains("mvn test -Dtest=T#m -Dfaultline.seed=7"));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void nodesAreInNaturalOrderAndTheTimeColumnSaysItsUnit() {
        SequenceChart.Drawing chart = SequenceChart.draw(file(List.of(
                e(0, Kind.SEND, "p4/paxos", "p10", 1, "Prepare(1)"),
                e(1, Kind.SEND, "p3", "p2", 2, "Prepare(2)"),
                e(2, Kind.SEND, "p3/paxos", "p4", 3, "Prepare(3)")), "", 0), SequenceChart.View.whole(100));
        assertEquals(List.of("p2", "p3", "p3/paxos", "p4", "p4/paxos", "p10"), chart.nodes());
        assertTrue(chart.svg().contains(">time (ms)</text>"), chart.svg());
        assertTrue(chart.heads().contains(">time (ms)</text>") && chart.heads().contains("class=\"lane-pin\""),
                "the pinned strip holds the time unit and every lane head: " + chart.heads());
        assertEquals(6, chart.heads().split("class=\"lane-pin\"", -1).length - 1);
    }

    @Test
    void fiveNodesFitAWindowOf1280PixelsAndAClippedLabelKeepsItsWholeText() {
        String promise = "Promise[instance=0, number=8, acceptedNumber=5, acceptedValue=first]";
        SequenceChart.Drawing chart = SequenceChart.draw(file(List.of(
                e(0, Kind.SEND, "p0", "p1", 1, promise),
                e(1, Kind.DELIVER, "p1", "p0", 1, promise),
                e(2, Kind.SEND, "p2", "p3", 2, "x"),
                e(3, Kind.SEND, "p4", "p3", 3, "y")), "", 0), SequenceChart.View.whole(100));
        int width = Integer.parseInt(chart.svg().replaceAll("(?s)^<svg[^>]*? width=\"(\\d+)\".*", "$1"));
        assertTrue(width <= 1200, "five lanes must fit beside the page's margins at 1280 px: " + width);
        assertTrue(chart.svg().contains("<title>" + SequenceChart.text(promise) + "</title>"),
                "the label's whole text is in the chart: " + chart.svg());
    }

    @Test
    void labelsStayInsideTheChartAtItsFirstAndLastLanes() {
        String accept = "Accept[instance=39, number=47, value=\"v39\"]";
        String svg = SequenceChart.draw(file(List.of(
                e(0, Kind.SEND, "b", "a", 1, accept),
                e(1, Kind.DELIVER, "a", "b", 1, accept),
                e(2, Kind.SEND, "a", "b", 2, accept),
                e(3, Kind.DELIVER, "b", "a", 2, accept)), "", 0), SequenceChart.View.whole(100)).svg();
        int width = Integer.parseInt(svg.replaceAll("(?s)^<svg[^>]*? width=\"(\\d+)\".*", "$1"));
        java.util.regex.Matcher labels = java.util.regex.Pattern.compile(
                "<text class=\"label\" x=\"([\\d.]+)\"[^>]*text-anchor=\"(\\w+)\"[^>]*>(?:<title>[^<]*</title>)?([^<]*)</text>").matcher(svg);
        int seen = 0;
        while (labels.find()) {
            double x = Double.parseDouble(labels.group(1));
            double wide = labels.group(3).length() * 6.7;
            double left = labels.group(2).equals("end") ? x - wide : x;
            assertTrue(left >= 0 && left + wide <= width, "a label runs out of the chart: " + labels.group());
            seen++;
        }
        assertEquals(2, seen);
    }

    @Test
    void lookingForTextDrawsTheRowsAroundItsFirstMatchAndMarksIt() {
        List<TraceEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(e(i, Kind.NOTE, "a", "", 0, i == 40 ? "append x3.49y" : "note " + (i % 7) + " of " + i));
        }
        SequenceChart.Drawing chart = SequenceChart.draw(file(events, "the chain lacks x3.49y", 299),
                SequenceChart.View.whole(30).finding("X3.49Y"));
        assertEquals(2, chart.matches(), "the event, and the failure row that names it");
        assertTrue(chart.svg().contains("id=\"found\""), "the match is marked");
        assertTrue(chart.shownFrom() <= 40 && chart.shownTo() >= 40, chart.shownFrom() + "-" + chart.shownTo());
        assertFalse(chart.svg().contains("id=\"failure\""), "the failure is far below the match");
        assertEquals(0, SequenceChart.draw(file(events, "", 0), SequenceChart.View.whole(30).finding("nowhere"))
                .matches());
    }

    @Test
    void thePreviewDrawsTheTrafficOfTheNodesTheFailureNames() {
        List<TraceEvent> events = new java.util.ArrayList<>();
        events.add(e(0, Kind.SEND, "client1", "server", 1, "Echo(a)"));
        events.add(e(1, Kind.DROP, "client1", "server", 1, "Echo(a)"));
        for (int i = 2; i < 200; i++) {
            events.add(e(i, Kind.SEND, "client0", "server", i, "Echo(" + i + ")"));
        }
        TraceFile f = file(events, "client 1 never had its echo answered", 199);
        SequenceChart.View preview = SequenceChart.View.preview(f, 20);
        assertEquals(java.util.Set.of("client1"), preview.focus());
        String svg = SequenceChart.draw(f, preview).svg();
        assertTrue(svg.contains("class=\"drop\""), "client 1's dropped echo is in the preview");
        assertFalse(svg.contains("Echo(150)"), "client 0's traffic is left out");
        assertTrue(svg.contains("Only the events of client1, the nodes the failure names."), svg);
        assertTrue(SequenceChart.View.preview(file(events, "the run failed", 199), 20).focus().isEmpty());
        assertEquals(java.util.Set.of("p3", "p3/paxos"), SequenceChart.View.preview(file(List.of(
                e(0, Kind.SEND, "p3/paxos", "p1/paxos", 1, "Prepare"), e(1, Kind.INVOKE, "p3", "", 0, "start")),
                "p3 decided \"a\"", 1), 20).focus());
        assertFalse(SequenceChart.names("p31 decided", "p3"));
        assertTrue(SequenceChart.names("p3 decided", "p3"));
    }
}
