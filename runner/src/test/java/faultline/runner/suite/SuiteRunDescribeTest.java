package faultline.runner.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.testkit.junit.RunFailure;
import org.junit.jupiter.api.Test;

/** What a student reads for a test that errored. */
class SuiteRunDescribeTest {

    @Test
    void aTestKitFailureIsItsOwnMessageWithoutClassNamesOrCauses() {
        String written = "The lab code threw UnsupportedOperationException: TODO: implement ViewService.view\n"
                + "  at:       ViewService.view(ViewService.java:52)\n  seed:     2";
        RunFailure failure = new RunFailure(written, new UnsupportedOperationException("TODO: implement ViewService.view"));
        failure.setStackTrace(new StackTraceElement[0]);

        assertEquals(written, SuiteRun.describe(failure));
    }

    @Test
    void anyOtherExceptionKeepsItsNameItsTopFramesAndItsCause() {
        IllegalStateException thrown = new IllegalStateException("no view yet", new ArithmeticException("/ by zero"));

        String described = SuiteRun.describe(thrown);

        assertTrue(described.startsWith("java.lang.IllegalStateException: no view yet\n\tat "), described);
        assertTrue(described.endsWith("\nCaused by: java.lang.ArithmeticException: / by zero"), described);
    }
}
