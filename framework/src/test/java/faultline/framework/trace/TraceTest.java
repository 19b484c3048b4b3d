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
