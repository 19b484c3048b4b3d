package faultline.testkit.junit;

/** The kinds of trouble a graded test puts a solution through. */
public enum TestCategory {
    BASIC, UNRELIABLE, PARTITION, CRASH, CONCURRENCY, PERFORMANCE
}
