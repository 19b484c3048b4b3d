package faultline.web.grades;

/**
 * Where a submission's grading is. {@code state} is QUEUED, RUNNING, DONE or FAILED; {@code position} is
 * 1 for the next job to be claimed (0 when not queued); {@code detail} is a sentence for the page and CLI.
 */
public record Progress(String state, int position, long estimateSeconds, String detail) {

    public boolean finished() {
        return state.equals("DONE") || state.equals("FAILED");
    }
}
