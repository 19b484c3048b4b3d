package faultline.testkit.lincheck;

import faultline.testkit.history.History;
import faultline.testkit.history.Operation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BudgetTest {

    /**
     * Sixteen concurrent appends and a get that no order of them explains: proving that takes every order of every
     * subset of the appends (about 10^13 distinct values), far beyond any budget.
     */
    private static History<KvInput, KvOutput> hopeless() {
        List<Operation<KvInput, KvOutput>> operations = new ArrayList<>();
        for (int client = 0; client < 16; client++) {
            operations.add(Operation.returned(client, KvInput.append("k", Integer.toHexString(client)),
                    KvOutput.ok(), client, 1_000));
        }
        operations.add(Operation.returned(99, KvInput.get("k"), KvOutput.of("never written"), 500, 2_000));
        return History.of(operations);
    }

    @Test
    void aHistoryTooHardForTheBudgetIsUnknownNotAHang() {
        var result = LinearizabilityChecker.check(hopeless(), new KvModel(), Duration.ofMillis(50));

        assertEquals(Verdict.UNKNOWN, result.verdict());
        assertEquals(Verdict.UNKNOWN, result.subHistories().get(0).verdict());
        assertTrue(result.firstViolation().isEmpty());
        assertTrue(result.explanation().startsWith("No verdict: key \"k\": undecided when the budget of 50 ms ran out"),
                result.explanation());
    }

    @Test
    void aViolationInOneKeyOutweighsAnotherKeyThatIsUndecided() {
        List<Operation<KvInput, KvOutput>> operations = new ArrayList<>(hopeless().operations());
        operations.add(Operation.returned(7, KvInput.put("j", "1"), KvOutput.ok(), 0, 1));
        operations.add(Operation.returned(8, KvInput.get("j"), KvOutput.of(""), 2, 3));

        var result = LinearizabilityChecker.check(History.of(operations), new KvModel(), Duration.ofSeconds(30));

        assertEquals(Verdict.NOT_LINEARIZABLE, result.verdict());
        assertEquals(List.of(Verdict.NOT_LINEARIZABLE, Verdict.UNKNOWN),
                result.subHistories().stream().map(SubHistoryResult::verdict).toList());
        assertEquals("key \"k\": not checked to the end, since key \"j\" was already found not linearizable.",
                result.subHistories().get(1).summary());
    }
}
