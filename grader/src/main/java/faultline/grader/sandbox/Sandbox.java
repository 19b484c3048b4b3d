package faultline.grader.sandbox;

/**
 * Runs one submission's sources through the in-sandbox runner (compile, API check, the lab's
 * hidden suite over the requested seeds) under the request's limits, and always cleans up.
 * Whatever the submission does, the answer is a {@link SandboxOutcome}; a {@link SandboxUnavailableException}
 * means the platform failed (no engine, no image), which is never charged to the student.
 */
public interface Sandbox extends AutoCloseable {

    SandboxKind kind();

    SandboxOutcome grade(SandboxRequest request) throws SandboxUnavailableException;

    @Override
    void close();
}
