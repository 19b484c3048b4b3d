package faultline.framework.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import faultline.framework.trace.TraceEvent.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceTest {

    static TraceEvent event(long t, Kind kind, String detail) {
        return new TraceEvent(t, kind, "n1", "", 0, detail);
    }

    @Test
    void keepsTheStartTheEndAndTheFaultsInBetweenInOrder() {
        Trace trace = Trace.bounded(8); // 2 at the head, 6 in the tail
        for (int t = 0; t < 100; t++) {
            if (t == 30) {
                trace.record(event(t, Kind.FAULT, "partition [a | b]"));
            } else if (t == 60) {
                trace.record(event(t, Kind.CRASH, "state lost"));
            } else {
                trace.record(event(t, Kind.SEND, "m" + t));
            }
        }
        List<Long> times = trace.events().stream().map(TraceEvent::time).toList();
        assertEquals(List.of(0L, 1L, 30L, 60L, 94L, 95L, 96L, 97L, 98L, 99L), times);
        assertEquals(100, trace.recorded());
        assertEquals(90, trace.omitted());
    }

    /** A message that prints itself as a megabyte must not make a trace of gigabytes; the digest still sees it all. */
    @Test
    void aHugeDetailIsCutWhereItIsKeptButNotInTheDigest() {
        Trace cut = Trace.bounded(8);
        Trace other = Trace.bounded(8);
        String huge = "x".repeat(1 << 20);
        cut.record(event(0, Kind.SEND, huge + "a"));
        other.record(event(0, Kind.SEND, huge + "b"));
        String kept = cut.events().get(0).detail();
        org.junit.jupiter.api.Assertions.assertTrue(kept.length() < Trace.DETAIL_CAP + 64, "kept " + kept.length());
        org.junit.jupiter.api.Assertions.assertTrue(kept.endsWith("... [" + (huge.length() + 1 - Trace.DETAIL_CAP)
                + " more characters]"), kept.substring(Trace.DETAIL_CAP - 10));
        org.junit.jupiter.api.Assertions.assertNotEquals(cut.digest(), other.digest());
    }

    @Test
    void aShortRunIsKeptWhole() {
        Trace trace = Trace.bounded(8);
        for (int t = 0; t < 5; t++) {
            trace.record(event(t, Kind.SEND, "m" + t));
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), trace.events().stream().map(TraceEvent::time).toList());
        assertEquals(0, trace.omitted());
    }
}
