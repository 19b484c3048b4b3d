package faultline.testkit.lincheck;

import faultline.testkit.history.History;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static faultline.testkit.lincheck.KvHistories.append;
import static faultline.testkit.lincheck.KvHistories.appendNoReply;
import static faultline.testkit.lincheck.KvHistories.get;
import static faultline.testkit.lincheck.KvHistories.history;
import static faultline.testkit.lincheck.KvHistories.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KvLinearizabilityTest {

    private static final Duration BUDGET = Duration.ofSeconds(30);

    private static Verdict verdict(History<KvInput, KvOutput> history) {
        return LinearizabilityChecker.check(history, new KvModel(), BUDGET).verdict();
    }

    @Test
    void aKeyNeverWrittenReadsEmpty() {
        assertEquals(Verdict.LINEARIZABLE, verdict(history(get(0, "k", "", 0, 1))));
        assertEquals(Verdict.NOT_LINEARIZABLE, verdict(history(get(0, "k", "x", 0, 1))));
    }

    @Test
    void aGetAfterAPutReturnedMustSeeIt() {
        assertEquals(Verdict.LINEARIZABLE, verdict(history(put(0, "k", "a", 0, 1), get(1, "k", "a", 2, 3))));
        assertEquals(Verdict.NOT_LINEARIZABLE, verdict(history(put(0, "k", "a", 0, 1), get(1, "k", "", 2, 3))));
    }

    @Test
    void aGetOverlappingAPutMaySeeEitherValue() {
        assertEquals(Verdict.LINEARIZABLE, verdict(history(put(0, "k", "a", 0, 10), get(1, "k", "", 2, 3))));
        assertEquals(Verdict.LINEARIZABLE, verdict(history(put(0, "k", "a", 0, 10), get(1, "k", "a", 2, 3))));
    }

    @Test
    void concurrentAppendsMayLandInEitherOrderButNotBoth() {
        var xThenY = history(append(0, "k", "x", 0, 10), append(1, "k", "y", 1, 9), get(2, "k", "xy", 11, 12));
        var yThenX = history(append(0, "k", "x", 0, 10), append(1, "k", "y", 1, 9), get(2, "k", "yx", 11, 12));
        var lostAppend = history(append(0, "k", "x", 0, 10), append(1, "k", "y", 1, 9), get(2, "k", "x", 11, 12));
        var orderFlips = history(append(0, "k", "x", 0, 10), append(1, "k", "y", 1, 9),
                get(2, "k", "xy", 11, 12), get(3, "k", "yx", 13, 14));
        assertEquals(Verdict.LINEARIZABLE, verdict(xThenY));
        assertEquals(Verdict.LINEARIZABLE, verdict(yThenX));
        assertEquals(Verdict.NOT_LINEARIZABLE, verdict(lostAppend));
        assertEquals(Verdict.NOT_LINEARIZABLE, verdict(orderFlips));
    }

    @Test
    void anOperationWithoutReplyMayTakeEffectLateOrNever() {
        assertEquals(Verdict.LINEARIZABLE, verdict(history(appendNoReply(0, "k", "x", 0), get(1, "k", "", 5, 6))));
        assertEquals(Verdict.LINEARIZABLE, verdict(history(appendNoReply(0, "k", "x", 0), get(1, "k", "x", 5, 6))));
        assertEquals(Verdict.LINEARIZABLE, verdict(history(appendNoReply(0, "k", "x", 0),
                get(1, "k", "", 5, 6), get(1, "k", "x", 7, 8))));
    }

    @Test
    void anOperationWithoutReplyCannotTakeEffectBeforeItsCallOrUndoItself() {
        assertEquals(Verdict.NOT_LINEARIZABLE, verdict(history(get(1, "k", "x", 0, 1), appendNoReply(0, "k", "x", 2))));
        assertEquals(Verdict.NOT_LINEARIZABLE, verdict(history(appendNoReply(0, "k", "x", 0),
                get(1, "k", "x", 5, 6), get(1, "k", "", 7, 8))));
    }

    @Test
    void operationsAtTheSameInstantAreConcurrent() {
        assertEquals(Verdict.LINEARIZABLE, verdict(history(put(0, "k", "a", 0, 5), get(1, "k", "", 5, 6))));
    }

    @Test
    void eachKeyIsJudgedOnItsOwn() {
        var result = LinearizabilityChecker.check(history(
                put(0, "a", "1", 0, 1), get(1, "a", "1", 2, 3),
                put(0, "b", "1", 4, 5), get(1, "b", "", 6, 7)), new KvModel(), BUDGET);

        assertEquals(Verdict.NOT_LINEARIZABLE, result.verdict());
        assertEquals(List.of("key \"a\"", "key \"b\""),
                result.subHistories().stream().map(SubHistoryResult::name).toList());
        assertEquals(List.of(Verdict.LINEARIZABLE, Verdict.NOT_LINEARIZABLE),
                result.subHistories().stream().map(SubHistoryResult::verdict).toList());
        assertEquals("key \"b\"", result.firstViolation().orElseThrow().subHistory());
    }

    @Test
    void theWholeStoreModelAgreesWithThePerKeySplit() {
        var good = history(append(0, "a", "x", 0, 10), append(1, "b", "y", 1, 9), get(2, "a", "x", 2, 12),
                get(3, "b", "y", 11, 12));
        var bad = history(append(0, "a", "x", 0, 1), get(1, "b", "x", 2, 3));
        assertEquals(Verdict.LINEARIZABLE, LinearizabilityChecker.check(good, new KvStoreModel(), BUDGET).verdict());
        assertEquals(Verdict.NOT_LINEARIZABLE,
                LinearizabilityChecker.check(bad, new KvStoreModel(), BUDGET).verdict());
        assertEquals(Verdict.LINEARIZABLE, verdict(good));
        assertEquals(Verdict.NOT_LINEARIZABLE, verdict(bad));
    }

    @Test
    void anEmptyHistoryIsLinearizable() {
        var result = LinearizabilityChecker.check(history(), new KvModel(), BUDGET);
        assertEquals(Verdict.LINEARIZABLE, result.verdict());
        assertTrue(result.subHistories().isEmpty());
    }
}
