package faultline.runner.suite;

import java.util.List;

/** A run was asked for one test that the lab's suite does not have; the message lists the tests it does have. */
public final class UnknownTestException extends RuntimeException {

    private final List<String> tests;

    UnknownTestException(String lab, TestId asked, List<String> tests) {
        super("Lab " + lab + " has no test " + asked + ". Its tests are: " + String.join(", ", tests)
                + ". Name one of them as Class#method, as the replay hint prints it.");
        this.tests = List.copyOf(tests);
    }

    /** The suite's tests, as {@code Class#method} with the simple class name. */
    public List<String> tests() {
        return tests;
    }
}
