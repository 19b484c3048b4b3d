package faultline.grader.records;

import faultline.grader.store.Artifact;
import faultline.grader.store.RunRow;
import faultline.grader.store.SubmissionLine;
import faultline.grader.store.TestResultRow;
import java.util.List;
import java.util.Optional;

/**
 * A submission as its page shows it, read at one moment: its line (empty when there is no such submission),
 * where its latest job stands, and the standing run with its per-seed results and artifacts.
 *
 * @param version    changes whenever any of the rest may have; pass it back to read again only on a change
 * @param notCounted the run's tests whose failures do not count now: flagged flaky by calibration for the run's
 *                   suite and not decided "count it" by staff (the score already leaves their failures out)
 * @param countedPoints the run's points as its score counts them now ({@code ScoreKeeper.counted}): its own points,
 *                   plus what the not-counted failures would have cost
 */
public record SubmissionResults(String version, Optional<SubmissionLine> line, JobStanding standing,
                                Optional<RunRow> run, List<TestResultRow> results, List<Artifact> artifacts,
                                List<String> notCounted, double countedPoints) {
    public SubmissionResults {
        results = List.copyOf(results);
        artifacts = List.copyOf(artifacts);
        notCounted = List.copyOf(notCounted);
    }
}
