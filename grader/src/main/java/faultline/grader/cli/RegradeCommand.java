package faultline.grader.cli;

import faultline.grader.grading.Grader;
import faultline.grader.queue.QueueEvents;
import faultline.grader.scoring.ScoreChange;
import faultline.grader.grading.Regrade;
import faultline.grader.store.GradingJob;
import faultline.grader.store.JobDao;
import faultline.grader.store.ScoreRow;
import faultline.grader.store.Submission;
import faultline.grader.store.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "regrade", description = {
        "Grade a lab's submissions again (after a suite fix) or only recompute scores (after a policy change).",
        "The old score is kept as history; what changed is shown."})
final class RegradeCommand implements Callable<Integer> {

    enum Which { latest, best }

    private final CliContext ctx;

    @Mixin
    GraderOptions options;

    @Parameters(index = "0", paramLabel = "LAB")
    String lab;

    @Option(names = "--which", defaultValue = "latest",
            description = "Which submission of each student to regrade: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
    Which which;

    @Option(names = "--student", paramLabel = "LOGIN", description = "Only this student")
    String student;

    @Option(names = "--scores-only", description = "Do not run anything; recompute scores under the current course file")
    boolean scoresOnly;

    @Option(names = "--workers", defaultValue = "1", description = "Submissions graded at once. Default: ${DEFAULT-VALUE}")
    int workers;

    RegradeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        try (Grader grader = options.open(ctx)) {
            grader.course().requireLab(lab);
            List<User> students = grader.records().users().stream()
                    .filter(u -> student == null || u.login().equals(student)).toList();
            if (student != null && students.isEmpty()) {
                throw new IllegalArgumentException("There is no user '" + student + "'.");
            }
            Map<Long, Optional<ScoreRow>> before = new HashMap<>();
            for (User u : students) {
                before.put(u.id(), grader.records().currentScore(u.id(), lab));
            }
            if (!scoresOnly) {
                List<Long> submissions = grader.regrade(lab, Regrade.Which.valueOf(which.name().toUpperCase(Locale.ROOT)),
                        Optional.ofNullable(student), "cli");
                QueuedGrading queued = new QueuedGrading();
                for (long id : submissions) {
                    Submission s = grader.records().submission(id).orElseThrow();
                    long job = grader.db().read(h -> h.attach(JobDao.class).ofSubmission(id)).stream()
                            .mapToLong(GradingJob::id).max().orElseThrow();
                    String login = grader.records().user(s.userId()).map(User::login).orElse("user " + s.userId());
                    queued.add(new QueuedGrading.Queued(login, s.userId(), lab, id, job));
                }
                ctx.out().printf("Regrading %d submission(s) of lab %s (%s) with %d worker(s) here, beside any"
                        + " server or worker on this data folder.%n", queued.size(), lab, which, workers);
                ctx.out().flush();
                int[] count = {0};
                List<QueuedGrading.Graded> graded = queued.await(grader,
                        grader.workers(workers, ctx.sandboxes(), QueueEvents.none()), ctx.out(), g -> {
                            ctx.out().printf("[%d/%d] %s%n", ++count[0], queued.size(), g.line());
                            ctx.out().flush();
                        });
                ctx.out().printf("Graded in %s.%n", QueuedGrading.sandboxes(graded));
            }
            List<ScoreChange> changes = new ArrayList<>();
            for (User u : students) {
                changes.addAll(grader.db().write(h -> grader.scores().rescore(h, u.id(), scoresOnly ? "rescore" : "regrade")));
            }
            int changed = 0;
            int unchanged = 0;
            for (User u : students) {
                Optional<ScoreRow> old = before.get(u.id());
                Optional<ScoreRow> now = grader.records().currentScore(u.id(), lab);
                if (now.isEmpty()) {
                    continue;
                }
                if (old.isPresent() && old.get().points() == now.get().points()) {
                    unchanged++;
                    continue;
                }
                changed++;
                ctx.out().printf("%-16s %s: %s -> %.2f/%.0f%s%n", u.login(), lab,
                        old.map(o -> String.format("%.2f", o.points())).orElse("none"), now.get().points(),
                        now.get().labPoints(), old.map(o -> String.format(" (%+.2f; submission %d -> %d)",
                                now.get().points() - o.points(), o.submissionId(), now.get().submissionId())).orElse(""));
                grader.records().scoreNotices(u.id()).stream().filter(n -> n.lab().equals(lab)).findFirst()
                        .ifPresent(n -> n.changes().forEach(c -> ctx.out().println("    " + c.text())));
            }
            ctx.out().printf("%d score(s) changed, %d unchanged; earlier scores are kept as history.%n", changed,
                    unchanged);
            ctx.out().flush();
            return ExitCode.OK.code();
        }
    }
}
