package faultline.grader.cli;

import faultline.grader.grading.Grader;
import faultline.grader.queue.WorkerIdentity;
import faultline.grader.queue.WorkerPool;
import faultline.grader.store.GradingJob;
import faultline.grader.store.JobDao;
import faultline.grader.store.JobState;
import faultline.grader.store.RunRow;
import faultline.grader.store.ScoreRow;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The submissions a batch or a regrade queued, followed to their final results whoever grades them: this process's
 * workers, or a server or worker on the same data folder that leased some of the jobs first. Its report names every
 * one with its verdict, its points and the student's grade, and the sandbox and process that graded it.
 */
final class QueuedGrading {

    /** One submission queued for one student, and the job that grades it. */
    record Queued(String login, long userId, String lab, long submissionId, long jobId) {
    }

    /** How a queued submission ended. */
    record Graded(Queued queued, Optional<RunRow> run, JobState state, Optional<ScoreRow> grade) {

        /** The run's verdict, or PLATFORM_ERROR when the platform gave up on the job. */
        String verdict() {
            return state == JobState.FAILED ? "PLATFORM_ERROR" : run.map(r -> r.verdict().name()).orElse(state.name());
        }

        String line() {
            String sandbox = run.flatMap(RunRow::sandboxKind).map(k -> k.toLowerCase(Locale.ROOT)).orElse("no sandbox");
            String by = run.map(r -> grader(r.worker())).orElse("");
            String points = run.map(r -> String.format(Locale.ROOT, "%.2f/%.0f test points", r.rawPoints(),
                    r.maxPoints())).orElse("");
            String gradeText = grade.map(g -> String.format(Locale.ROOT, "grade %.2f/%.0f%s", g.points(), g.labPoints(),
                    g.submissionId() == queued.submissionId() ? "" : " (counts submission " + g.submissionId() + ")"))
                    .orElse("no grade");
            return String.format(Locale.ROOT, "%-16s submission %-5d %-15s %-22s %-28s %s, %s", queued.login(),
                    queued.submissionId(), verdict(), points, gradeText, sandbox, by);
        }

        private static String grader(String worker) {
            return WorkerIdentity.parse(worker)
                    .map(w -> w.pid() == ProcessHandle.current().pid() ? "graded here"
                            : "graded by " + w.host() + " pid " + w.pid())
                    .orElse("graded by " + worker);
        }
    }

    private final List<Queued> queued = new ArrayList<>();

    void add(Queued item) {
        queued.add(item);
    }

    int size() {
        return queued.size();
    }

    /**
     * Grades with {@code pool} until every queued job is done, waiting for those another process holds (their
     * holder finishes them, or the pool's sweep takes them back if it dies); {@code finished} hears each one as it
     * ends, in the order they end.
     */
    List<Graded> await(Grader grader, WorkerPool pool, PrintWriter out, Consumer<Graded> finished)
            throws InterruptedException {
        Map<Long, Graded> done = new LinkedHashMap<>();
        boolean saidWaiting = false;
        while (true) {
            pool.drain();
            List<Queued> open = new ArrayList<>();
            for (Queued q : queued) {
                if (done.containsKey(q.jobId())) {
                    continue;
                }
                GradingJob job = grader.db().read(h -> h.attach(JobDao.class).byId(q.jobId())).orElseThrow();
                if (job.state() == JobState.DONE || job.state() == JobState.FAILED) {
                    Graded g = new Graded(q, job.finalRunId().flatMap(grader.records()::run), job.state(),
                            grader.records().currentScore(q.userId(), q.lab()));
                    done.put(q.jobId(), g);
                    finished.accept(g);
                } else {
                    open.add(q);
                }
            }
            if (open.isEmpty()) {
                break;
            }
            if (!saidWaiting) {
                Map<String, Integer> holders = new TreeMap<>();
                for (Queued q : open) {
                    grader.db().read(h -> h.attach(JobDao.class).byId(q.jobId())).flatMap(GradingJob::leaseOwner)
                            .ifPresent(owner -> holders.merge(owner, 1, Integer::sum));
                }
                out.printf("Waiting for %d submission(s) graded by another process on this data folder%s.%n",
                        open.size(), holders.isEmpty() ? "" : " (" + String.join(", ", holders.keySet()) + ")");
                out.flush();
                saidWaiting = true;
            }
            Thread.sleep(500);
        }
        List<Graded> inOrder = new ArrayList<>();
        queued.forEach(q -> inOrder.add(done.get(q.jobId())));
        return inOrder;
    }

    /** Which sandboxes graded these submissions, counted: "docker (3), local (1)". */
    static String sandboxes(List<Graded> graded) {
        Map<String, Integer> kinds = new TreeMap<>();
        graded.forEach(g -> kinds.merge(g.run().flatMap(RunRow::sandboxKind).map(k -> k.toLowerCase(Locale.ROOT))
                .orElse("none"), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        kinds.forEach((kind, n) -> parts.add(kind + " (" + n + ")"));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
