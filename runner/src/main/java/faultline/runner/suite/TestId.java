package faultline.runner.suite;

/**
 * One test of a suite, named as results and replay hints name it: {@code Class#method}, where the class
 * is the simple name ({@code PingPongSuite}) or, equally, the fully qualified one.
 */
public record TestId(String className, String method) {

    public TestId {
        if (className.isBlank() || method.isBlank()) {
            throw new IllegalArgumentException("A test is named Class#method, e.g. PingPongSuite#retriesThroughLoss.");
        }
    }

    /** Reads {@code Class#method}; anything else is refused with a sentence saying what to give. */
    public static TestId parse(String text) {
        int hash = text.indexOf('#');
        if (hash <= 0 || hash == text.length() - 1 || text.indexOf('#', hash + 1) >= 0 || text.isBlank()) {
            throw new IllegalArgumentException("'" + text + "' does not name a test. Give it as Class#method, as the"
                    + " replay hint prints it, e.g. PingPongSuite#retriesThroughLoss.");
        }
        return new TestId(text.substring(0, hash).strip(), text.substring(hash + 1).strip());
    }

    /** Whether this names the method {@code method} of the class {@code qualifiedClass}, by simple or full name. */
    public boolean matches(String qualifiedClass, String method) {
        String simple = qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1);
        return this.method.equals(method) && (className.equals(simple) || className.equals(qualifiedClass));
    }

    @Override
    public String toString() {
        return className + "#" + method;
    }
}
