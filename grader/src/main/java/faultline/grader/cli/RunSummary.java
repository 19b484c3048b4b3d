package faultline.grader.cli;

import faultline.grader.queue.Completion;
import faultline.grader.sandbox.SandboxKind;
import faultline.grader.scoring.RunScore;
import faultline.grader.scoring.TestScore;
import faultline.grader.store.Database;
import faultline.grader.store.GradingJob;
import faultline.grader.store.JobDao;
import faultline.grader.store.RunDao;
import faultline.grader.store.RunRow;
import faultline.grader.store.ScoreDao;
import faultline.grader.store.ScoreRow;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import faultline.runner.report.TestStatus;
import faultline.runner.report.Verdict;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A submission's standing result as people read it: a per-test table, the score, and what to do about failures. */
record RunSummary(Submission submission, Optional<RunRow> run, RunScore score, Optional<ScoreRow> labScore) {

    static RunSummary of(Database db, long submissionId) {
        return db.read(h -> {
            Submission s = h.attach(SubmissionDao.class).byId(submissionId).orElseThrow();
            List<GradingJob> jobs = h.attach(JobDao.class).ofSubmission(submissionId);
            Optional<RunRow> run = jobs.stream().filter(j -> j.finalRunId().isPresent()).reduce((a, b) -> b)
                    .flatMap(j -> h.attach(RunDao.class).byId(j.finalRunId().get()));
            RunScore score = run.map(r -> RunScore.ofRows(h.attach(RunDao.class).results(r.id()))).orElse(RunScore.none());
            Optional<ScoreRow> lab = h.attach(ScoreDao.class).current(s.userId(), s.lab());
            return new RunSummary(s, run, score, lab);
        });
    }

    /** 0 all passed, 1 some failed, 2 an error verdict, 3 the platform could not grade. */
    ExitCode exitCode() {
        if (run.isEmpty() || run.get().verdict() == Verdict.PLATFORM_ERROR) {
            return ExitCode.PLATFORM_TROUBLE;
        }
        if (run.get().verdict() != Verdict.COMPLETED) {
            return ExitCode.SUBMISSION_ERROR;
        }
        boolean allPassed = !score.tests().isEmpty() && score.tests().stream().allMatch(TestScore::passedAll);
        return allPassed ? ExitCode.OK : ExitCode.TESTS_FAILED;
    }

    void print(PrintWriter out) {
        out.printf("Submission %d, lab %s, received %s (%s)%n", submission.id(), submission.lab(),
                submission.receivedAt(), submission.lateStatus().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (run.isEmpty()) {
            out.println("Not graded: the grading job has not finished.");
            return;
        }
        RunRow r = run.get();
        out.printf("Graded by %s in %.1f s: %s%n", r.sandboxKind().map(RunSummary::sandboxLabel).orElse("no sandbox"),
                r.elapsedMs() / 1000.0, r.verdict());
        if (r.verdict() != Verdict.COMPLETED) {
            out.println(r.message());
            if (!r.log().isBlank()) {
                out.println("--- log ---");
                out.println(r.log().strip());
            }
            return;
        }
        int width = Math.max(4, score.tests().stream().mapToInt(t -> t.testId().length()).max().orElse(4));
        out.printf("%-" + width + "s  %-30s  %s%n", "TEST", "SEEDS", "POINTS");
        for (TestScore t : score.tests()) {
            StringBuilder seeds = new StringBuilder();
            for (TestScore.SeedOutcome s : t.seeds()) {
                seeds.append(s.seed()).append(':').append(mark(s.status())).append(' ');
            }
            out.printf("%-" + width + "s  %-30s  %6.2f / %d%n", t.testId(), seeds.toString().strip(), t.points(),
                    t.maxPoints());
        }
        out.printf("Tests: %.2f of %.2f points%n", score.rawPoints(), score.maxPoints());
        labScore.filter(l -> l.submissionId() == submission.id()).ifPresent(l -> out.printf(
                "Lab score: %.2f of %.0f (late days %d, free %d, penalty %.0f%%)%n", l.points(), l.labPoints(),
                l.lateDays(), l.graceDays(), l.penaltyPct()));
        for (TestScore t : score.tests()) {
            for (TestScore.SeedOutcome s : t.seeds()) {
                if (!s.status().equals(TestStatus.PASSED.name()) && !s.status().equals(TestStatus.SKIPPED.name())) {
                    out.printf("%s failed on seed %d: %s%n    replay: %s%n", t.testId(), s.seed(),
                            s.message().isBlank() ? s.status() : s.message().strip(), s.replay());
                }
            }
        }
    }

    private static String mark(String status) {
        return switch (status) {
            case "PASSED" -> "ok";
            case "FAILED" -> "FAIL";
            case "ERRORED" -> "ERROR";
            case "TIMED_OUT" -> "TIMEOUT";
            default -> "skip";
        };
    }

    static String describe(Completion completion) {
        return completion.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The sandbox's own label for a run's recorded kind, or the name itself for a kind this version does not know. */
    static String sandboxLabel(String kind) {
        return java.util.Arrays.stream(SandboxKind.values()).filter(k -> k.name().equals(kind)).map(SandboxKind::label)
                .findFirst().orElse(kind);
    }
}
