package faultline.testkit.lincheck;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static faultline.testkit.lincheck.KvHistories.append;
import static faultline.testkit.lincheck.KvHistories.appendNoReply;
import static faultline.testkit.lincheck.KvHistories.get;
import static faultline.testkit.lincheck.KvHistories.history;
import static faultline.testkit.lincheck.KvHistories.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplanationTest {

    private static final Duration BUDGET = Duration.ofSeconds(30);

    @Test
    void aStaleReadIsExplainedWithTheValueItShouldHaveSeen() {
        var result = LinearizabilityChecker.check(history(
                put(1, "4", "x0", 0, 1),
                append(2, "4", "y", 2, 3),
                get(3, "4", "x0", 4, 5)), new KvModel(), BUDGET);

        Violation violation = result.firstViolation().orElseThrow();
        assertEquals("""
                key "4": get returned "x0", but the latest consistent value was "x0y" and no other operation overlaps it.
                The longest linearizable prefix places 2 of the 3 operations in key "4":
                  client 1   put "x0"    called 0, returned 1
                  client 2   append "y"  called 2, returned 3
                None of these overlapping operations can come next:
                  client 3   get returned "x0"  called 4, returned 5""", violation.explanation());
        assertEquals("Not linearizable: " + violation.explanation(), result.explanation());
        assertEquals("\"x0y\"", violation.latestConsistentValue());
        assertEquals(3, violation.stuck().client());
    }

    @Test
    void aValueNoOrderProducesNamesTheOverlappingOperations() {
        var result = LinearizabilityChecker.check(history(
                put(1, "4", "x0", 0, 1),
                get(2, "4", "x0y", 2, 10),
                get(3, "4", "x0y", 3, 11),
                get(4, "4", "x0yy", 4, 12)), new KvModel(), BUDGET);

        Violation violation = result.firstViolation().orElseThrow();
        assertEquals("key \"4\": get returned \"x0y\" but no order of the 3 overlapping operations produces it;"
                + " the latest consistent value was \"x0\".", violation.summary());
        assertEquals(3, violation.candidates().size());
        assertEquals(1, violation.longestPrefix().size());
    }

    @Test
    void anOperationWithoutReplyIsShownAsNeverReturning() {
        var result = LinearizabilityChecker.check(history(
                put(1, "4", "x0", 0, 1),
                get(2, "4", "x0y", 2, 10),
                get(3, "4", "x0yy", 3, 11),
                appendNoReply(4, "4", "z", 4)), new KvModel(), BUDGET);

        Violation violation = result.firstViolation().orElseThrow();
        assertEquals("key \"4\": get returned \"x0y\" but no order of the 2 overlapping operations produces it;"
                + " the latest consistent value was \"x0z\".", violation.summary());
        assertTrue(violation.explanation().contains(
                "  client 4   append \"z\" (no reply)  called 4, never returned\n"), violation.explanation());
    }

    @Test
    void aLinearizableHistorySaysSo() {
        var result = LinearizabilityChecker.check(history(put(1, "a", "1", 0, 1), get(2, "b", "", 0, 1)),
                new KvModel(), BUDGET);
        assertTrue(result.explanation().startsWith("Linearizable: all 2 operations fit one sequential order (2 parts"),
                result.explanation());
    }
}
