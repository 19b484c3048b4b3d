package faultline.testkit.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.cluster.NetworkStats;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageBudgetTest {

    private static NetworkStats sent(long messages) {
        return new NetworkStats(messages, messages, 0, 0, 0, 0, 0, 0);
    }

    private final MessageBudget echo = MessageBudget.fromReference("echo", 2, 2.0, 1.5);

    @Test
    void withinBudgetIsFine() {
        assertEquals(Optional.empty(), echo.check(sent(40), 20));
        assertEquals(Optional.empty(), echo.check(sent(60), 20));
    }

    @Test
    void tooManyMessagesIsAStormAndNamesTheBudget() {
        String problem = echo.check(sent(61), 20).orElseThrow();
        assertTrue(problem.contains("3.1 per echo") && problem.contains("budget of 3.0")
                && problem.contains("reference solution sends 2.0"), problem);
    }

    @Test
    void tooFewMessagesMeansTheServerWasNeverAsked() {
        String problem = echo.check(sent(0), 20).orElseThrow();
        assertTrue(problem.contains("only 0 message(s)") && problem.contains("go to the server"), problem);
    }

    @Test
    void noOperationsCannotBeMeasured() {
        assertTrue(echo.check(sent(10), 0).orElseThrow().contains("no echo completed"));
    }

    @Test
    void sinceSubtractsEarlierCounts() {
        NetworkStats later = sent(100);
        assertEquals(Optional.empty(), echo.check(later.since(sent(60)), 20));
    }

    @Test
    void aCeilingBelowTheFloorIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MessageBudget("echo", 3, 2, "none"));
    }
}
