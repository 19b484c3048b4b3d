package faultline.grader.grading;

import faultline.grader.store.LateStatus;
import java.util.List;

/** A submission that was accepted and queued for grading. */
public record Accepted(long submissionId, long jobId, String contentHash, int files, List<String> dropped,
                       LateStatus lateStatus, int lateDays) {

    public Accepted {
        dropped = List.copyOf(dropped);
    }
}
