package faultline.grader.records;

import faultline.grader.scoring.RunScore;
import faultline.grader.scoring.TestScore;
import faultline.grader.store.RunDao;
import faultline.grader.store.RunRow;
import faultline.grader.store.ScoreRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Says in sentences why one grade row differs from the one before it: the run, the suite, each test, the policy. */
final class ScoreChanges {

    private ScoreChanges() {
    }

    static List<ScoreNotice.Change> between(RunDao runs, ScoreRow before, ScoreRow after) {
        List<ScoreNotice.Change> changes = new ArrayList<>();
        if (before.submissionId() != after.submissionId()) {
            changes.add(ScoreNotice.Change.general("The grade now counts submission " + after.submissionId()
                    + " instead of submission " + before.submissionId() + "."));
        }
        if (before.runId() != after.runId()) {
            Optional<RunRow> was = runs.byId(before.runId());
            Optional<RunRow> is = runs.byId(after.runId());
            if (was.isPresent() && is.isPresent()) {
                String wasDigest = was.get().suiteDigest().orElse("");
                String isDigest = is.get().suiteDigest().orElse("");
                changes.add(ScoreNotice.Change.general(wasDigest.equals(isDigest)
                        ? "It was graded again with the same hidden suite" + (before.submissionId() == after.submissionId()
                        ? " on the same code." : ".")
                        : "It was graded again with a changed hidden suite (" + shortDigest(wasDigest) + " -> "
                        + shortDigest(isDigest) + ")."));
            }
            changes.addAll(tests(runs, before.runId(), after.runId()));
        } else if (Math.abs(before.rawPoints() - after.rawPoints()) >= 0.005) {
            changes.add(general("The same run now counts %.2f of %.2f test points (was %.2f):"
                            + " failures of a test the reference solution also failed are %s.", after.rawPoints(),
                    after.maxPoints(), before.rawPoints(), after.rawPoints() > before.rawPoints()
                            ? "no longer counted" : "counted again"));
        }
        if (Math.abs(before.penaltyPct() - after.penaltyPct()) >= 0.005) {
            changes.add(general("The late penalty is %.1f%% (was %.1f%%).", after.penaltyPct(),
                    before.penaltyPct()));
        }
        if (Math.abs(before.labPoints() - after.labPoints()) >= 0.005) {
            changes.add(general("The lab is worth %.2f points (was %.2f).", after.labPoints(),
                    before.labPoints()));
        }
        if (changes.isEmpty()) {
            changes.add(ScoreNotice.Change.general("Recorded reason: " + after.reason() + "."));
        }
        return changes;
    }

    /** One sentence per test whose points differ between the two runs, in the later run's order. */
    private static List<ScoreNotice.Change> tests(RunDao runs, long beforeRun, long afterRun) {
        Map<String, TestScore> was = byId(RunScore.ofRows(runs.results(beforeRun)));
        Map<String, TestScore> is = byId(RunScore.ofRows(runs.results(afterRun)));
        List<ScoreNotice.Change> changes = new ArrayList<>();
        for (TestScore now : is.values()) {
            TestScore then = was.get(now.testId());
            if (then == null) {
                changes.add(about(now, "%s is new: it passed on %d of %d seeds (%+.2f points).", now.testId(),
                        now.seedsPassed(), now.seedsRun(), now.points()));
            } else if (Math.abs(then.points() - now.points()) >= 0.005) {
                changes.add(about(now, "%s passed on %d of %d seeds, was %d of %d: %+.2f points.", now.testId(),
                        now.seedsPassed(), now.seedsRun(), then.seedsPassed(), then.seedsRun(),
                        now.points() - then.points()));
            }
        }
        for (TestScore then : was.values()) {
            if (!is.containsKey(then.testId())) {
                changes.add(about(then, "%s is no longer in the suite (%+.2f points).", then.testId(),
                        -then.points()));
            }
        }
        return changes;
    }

    private static ScoreNotice.Change general(String format, Object... args) {
        return ScoreNotice.Change.general(String.format(Locale.ROOT, format, args));
    }

    private static ScoreNotice.Change about(TestScore test, String format, Object... args) {
        return new ScoreNotice.Change(test.testId(), test.category(), String.format(Locale.ROOT, format, args));
    }

    private static Map<String, TestScore> byId(RunScore score) {
        Map<String, TestScore> tests = new LinkedHashMap<>();
        score.tests().forEach(t -> tests.put(t.testId(), t));
        return tests;
    }

    private static String shortDigest(String digest) {
        return digest.isEmpty() ? "none" : Calibrations.shortDigest(digest);
    }
}
