package faultline.runner.suite;

import faultline.testkit.junit.RunFailure;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Replaces what a test threw with a copy made of plain strings, on the test's own thread. Lab code can make a
 * throwable whose toString or getMessage never returns; JUnit reads it on the launcher's thread (a timed test's
 * ExecutionException takes the cause's toString), where it would stop the whole run. Read here, under the test's
 * preemptive timeout, such a throwable times out its own test only, and nothing later touches lab code's object.
 * Registered for the runner's launcher by extension auto-detection, limited to this class.
 */
public final class ThrownCopies implements InvocationInterceptor {

    /** Causes copied below the throwable itself; deeper ones are left out. */
    private static final int CAUSES = 4;

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                    ExtensionContext extension) throws Throwable {
        proceed(invocation);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                            ExtensionContext extension) throws Throwable {
        proceed(invocation);
    }

    // Lab code runs in a suite's set-up and tear-down too (a @BeforeEach that builds the cluster).
    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                          ExtensionContext extension) throws Throwable {
        proceed(invocation);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                         ExtensionContext extension) throws Throwable {
        proceed(invocation);
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                         ExtensionContext extension) throws Throwable {
        proceed(invocation);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                        ExtensionContext extension) throws Throwable {
        proceed(invocation);
    }

    private static void proceed(Invocation<Void> invocation) throws Throwable {
        try {
            invocation.proceed();
        } catch (org.opentest4j.TestAbortedException | ThreadDeath e) {
            throw e;
        } catch (Throwable thrown) {
            throw copy(thrown, CAUSES);
        }
    }

    static Throwable copy(Throwable thrown, int causes) {
        String text = String.valueOf(thrown);
        String message = thrown.getMessage();
        Throwable cause = thrown.getCause();
        Throwable copiedCause = cause != null && cause != thrown && causes > 0 ? copy(cause, causes - 1) : null;
        Throwable copy;
        if (thrown instanceof org.opentest4j.AssertionFailedError compared && compared.isExpectedDefined()
                && compared.isActualDefined()) {
            // The values as strings (read when the assertion was made), so the failure can still show where they differ.
            copy = new org.opentest4j.AssertionFailedError(String.valueOf(message),
                    compared.getExpected().getStringRepresentation(), compared.getActual().getStringRepresentation());
        } else if (thrown instanceof AssertionError) {
            copy = new AssertionError(String.valueOf(message));
        } else if (thrown instanceof RunFailure) {
            // The test kit's own explanation (a final class with a plain message): kept as itself, so it is read
            // as the explanation it is rather than as something lab code threw.
            copy = new RunFailure(String.valueOf(message), copiedCause);
            copiedCause = null;
        } else {
            copy = new ThrownInTest(text, message);
        }
        copy.setStackTrace(thrown.getStackTrace());
        if (copiedCause != null) {
            copy.initCause(copiedCause);
        }
        return copy;
    }

    /**
     * What a test threw, other than a failed assertion: its message and the text it printed itself as, so the copy
     * reads like the original and its own class name never shows.
     */
    public static final class ThrownInTest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String text;

        ThrownInTest(String text, String message) {
            super(message);
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
