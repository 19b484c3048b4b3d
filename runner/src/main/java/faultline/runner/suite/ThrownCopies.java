package faultline.runner.suite;

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
        Throwable copy = thrown instanceof AssertionError
                ? new AssertionError(String.valueOf(thrown.getMessage()))
                : new ThrownInTest(text);
        copy.setStackTrace(thrown.getStackTrace());
        Throwable cause = thrown.getCause();
        if (cause != null && cause != thrown && causes > 0) {
            copy.initCause(copy(cause, causes - 1));
        }
        return copy;
    }

    /** What a test threw, other than a failed assertion, as the text it printed itself as. */
    public static final class ThrownInTest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ThrownInTest(String text) {
            super(text);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
