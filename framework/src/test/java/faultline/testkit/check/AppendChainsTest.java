package faultline.testkit.check;

import static faultline.testkit.check.AppendChains.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppendChainsTest {

    @Test
    void interleavedClientsInOrderPass() {
        String value = token(0, 0) + token(1, 0) + token(0, 1) + token(1, 1);
        assertTrue(AppendChains.check(value, Map.of(0, 2, 1, 2), Map.of(0, 2, 1, 2)).ok());
    }

    @Test
    void unacknowledgedAppendMayBeAbsentOrPresentOnce() {
        assertTrue(AppendChains.check(token(0, 0), Map.of(0, 1), Map.of(0, 2)).ok());
        assertTrue(AppendChains.check(token(0, 0) + token(0, 1), Map.of(0, 1), Map.of(0, 2)).ok());
    }

    @Test
    void duplicateIsCaught() {
        AppendChains.Verdict verdict = AppendChains.check(token(0, 0) + token(0, 0), Map.of(0, 1), Map.of(0, 1));
        assertFalse(verdict.ok());
        assertEquals("x0.0y appears twice: a retried Append took effect again", verdict.problems().get(0));
    }

    @Test
    void missingAcknowledgedAppendIsCaught() {
        AppendChains.Verdict verdict = AppendChains.check(token(0, 1), Map.of(0, 2), Map.of(0, 2));
        assertEquals("x0.0y is missing although its Append returned", verdict.problems().get(0));
    }

    @Test
    void reorderIsCaught() {
        AppendChains.Verdict verdict = AppendChains.check(token(0, 1) + token(0, 0), Map.of(0, 2), Map.of(0, 2));
        assertTrue(verdict.toString().contains("out of order"), verdict.toString());
    }

    @Test
    void strayTextIsCaught() {
        assertFalse(AppendChains.check(token(0, 0) + "junk", Map.of(0, 1), Map.of(0, 1)).ok());
    }
}
