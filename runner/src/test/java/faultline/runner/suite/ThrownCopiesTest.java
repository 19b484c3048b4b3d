package faultline.runner.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.cluster.NodeFailure;
import faultline.testkit.junit.RunFailure;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The copies read like what was thrown: no copy's class name and no platform class name reaches a student. */
class ThrownCopiesTest {

    @Test
    void theTestKitsExplanationStaysItselfAndIsReadAsItsMessage() {
        RunFailure explained = new RunFailure("p1 threw IllegalStateException\n  seed:     2",
                new NodeFailure("p1 threw", new IllegalStateException("boom")));
        Throwable copy = ThrownCopies.copy(explained, 4);
        assertInstanceOf(RunFailure.class, copy);
        assertEquals("p1 threw IllegalStateException\n  seed:     2", SuiteRun.describe(copy));
        assertEquals("p1 threw", copy.getCause().getMessage());
    }

    @Test
    void anotherThrowableKeepsItsMessageAndItsTextAndThePlatformsNameIsLeftOut() {
        Throwable copy = ThrownCopies.copy(new NodeFailure("p1 (Paxos) threw while handling Prepare",
                new IllegalStateException("boom")), 4);
        assertEquals("p1 (Paxos) threw while handling Prepare", copy.getMessage());
        assertEquals("faultline.framework.cluster.NodeFailure: p1 (Paxos) threw while handling Prepare", copy.toString());
        String described = SuiteRun.describe(copy);
        assertTrue(described.startsWith("p1 (Paxos) threw while handling Prepare"), described);
        assertTrue(described.endsWith("Caused by: java.lang.IllegalStateException: boom"), described);
        assertFalse(described.contains("ThrownInTest") || described.contains("faultline.framework"), described);
    }

    @Test
    void aFailedComparisonKeepsItsValuesAsText() {
        Throwable copy = ThrownCopies.copy(new AssertionFailedError("chain ==> expected: <ab> but was: <ac>", "ab", "ac"), 4);
        AssertionFailedError compared = assertInstanceOf(AssertionFailedError.class, copy);
        assertEquals("ab", compared.getExpected().getStringRepresentation());
        assertEquals("ac", compared.getActual().getStringRepresentation());
    }
}
