package faultline.grader.sandbox;

/** Which kind of sandbox graded a run; recorded with every run and shown wherever it appears. */
public enum SandboxKind {
    DOCKER("docker (isolated)"),
    LOCAL("local process (not isolated)");

    private final String label;

    SandboxKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
