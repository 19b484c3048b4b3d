package faultline.web.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TraceChartTest {

    private static String event(long t, String kind, String node, String peer, long id, String detail) {
        return "{\"t\":" + t + ",\"kind\":\"" + kind + "\",\"node\":\"" + node + "\"" + (peer.isEmpty() ? ""
                : ",\"peer\":\"" + peer + "\"") + (id == 0 ? "" : ",\"id\":" + id) + ",\"detail\":\"" + detail + "\"}";
    }

    private static String trace(String... events) {
        return "{\"test\":\"T#m\",\"seed\":\"7\",\"scenario\":\"s\",\"recorded\":" + events.length
                + ",\"omitted\":0,\"headLength\":0,\"digest\":\"d\",\"events\":[" + String.join(",", events) + "]}";
    }

    @Test
    void drawsALifelinePerNodeAndJoinsSendsToDeliveriesById() {
        String svg = new TraceChart(100).svg(trace(
                event(0, "SEND", "a", "b", 1, "Put(x)"),
                event(1, "SEND", "a", "c", 2, "Put(y)"),
                event(2, "DELIVER", "c", "a", 2, "Put(y)"),
                event(3, "DELIVER", "b", "a", 1, "Put(x)")));
        assertEquals(3, count(svg, "class=\"lane\""));
        assertEquals(2, count(svg, "class=\"msg\""));
        // Message 1 was sent at row 0 (y=70) from lane a (x=210) and delivered at row 3 (y=136) on lane b (x=450).
        assertTrue(svg.contains("x1=\"210.0\" y1=\"70.0\" x2=\"450.0\" y2=\"136.0\""), svg);
    }

    @Test
    void marksDropsCrashesRestartsAndFaults() {
        String svg = new TraceChart(100).svg(trace(
                event(0, "SEND", "a", "b", 1, "Ping"),
                event(1, "DROP", "a", "b", 1, "Ping"),
                event(2, "FAULT", "a", "", 0, "partition {a} | {b}"),
                event(3, "CRASH", "b", "", 0, ""),
                event(4, "RESTART", "b", "", 0, "")));
        assertEquals(1, count(svg, "class=\"drop\""));
        assertEquals(1, count(svg, "class=\"fault\""));
        assertEquals(1, count(svg, "class=\"crash\""));
        assertEquals(1, count(svg, "class=\"restart\""));
        assertTrue(svg.contains("partition {a} | {b}"));
    }

    @Test
    void capsTheEventsDrawnAndSaysSo() {
        String[] events = new String[50];
        for (int i = 0; i < events.length; i++) {
            events[i] = event(i, "NOTE", "a", "", 0, "n" + i);
        }
        String svg = new TraceChart(10).svg(trace(events));
        assertTrue(svg.contains("Showing the first 10 of 50 recorded events."));
        assertFalse(svg.contains(">n10<"));
    }

    @Test
    void escapesWhatTheTraceSays() {
        String svg = new TraceChart(10).svg(trace(event(0, "NOTE", "a", "", 0, "<script>alert(1)</script>")));
        assertFalse(svg.contains("<script>"));
        assertTrue(svg.contains("&lt;script&gt;"));
    }

    @Test
    void aBrokenFileBecomesAMessageNotAnError() {
        assertTrue(new TraceChart(10).svg("{not json").contains("not valid JSON"));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
