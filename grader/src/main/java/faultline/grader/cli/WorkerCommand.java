package faultline.grader.cli;

import faultline.grader.grading.Grader;
import faultline.grader.queue.Completion;
import faultline.grader.queue.Lease;
import faultline.grader.queue.QueueEvents;
import faultline.grader.queue.WorkerPool;
import faultline.grader.sandbox.SandboxOwner;
import faultline.grader.store.NewRun;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A grading worker for a shared database: on any host with a Docker engine, it leases jobs from the database
 * {@code --db} names, keeps their leases alive, grades each in its own sandbox and writes the results back. The
 * sources come from the database (the dashboard's host put them there); the data folder is this host's own
 * scratch space, copy of sources and run artifacts. The course is the one the database's server keeps there: a worker
 * adds no labs of its own course file to it, and calibrates only labs the database has.
 */
@Command(name = "worker", description = {
        "Grade jobs from a shared database (--db jdbc:postgresql://...), each in this host's own sandbox.",
        "Workers announce themselves; the dashboard's queue page lists them. Stop with Ctrl-C (or SIGTERM):",
        "a job being graded when the worker stops is taken up again by another worker, not charged."})
final class WorkerCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Mixin
    GraderOptions options;

    @Option(names = "--workers", defaultValue = "1", description = "Jobs graded at once on this host, each in its own "
            + "sandbox. Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--until-empty", description = "Stop once the queue is empty instead of waiting for more jobs")
    boolean untilEmpty;

    WorkerCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (options.databaseUrl(ctx).isEmpty()) {
            ctx.err().println("A worker grades from a shared database: pass --db jdbc:postgresql://HOST/DB?user=U&"
                    + "password=P (or set FAULTLINE_DB). Without one, `faultline serve --workers N` grades on this host.");
            ctx.err().flush();
            return ExitCode.SUBMISSION_ERROR.code();
        }
        if (options.databaseUrl(ctx).get().startsWith("jdbc:sqlite:")) {
            ctx.err().println("A worker grades from a PostgreSQL database shared by several hosts, not from a SQLite "
                    + "file: " + options.databaseUrl(ctx).get() + " belongs to the one server or batch that uses its "
                    + "data folder. To grade on this machine, run `faultline serve --workers N` over that data folder "
                    + "(or `faultline batch`); to grade on several, move the course to PostgreSQL and pass its URL.");
            ctx.err().flush();
            return ExitCode.SUBMISSION_ERROR.code();
        }
        try (Grader grader = options.openAsWorker(ctx)) {
            ctx.out().printf("Worker on %s grading jobs from %s with %s, %d at a time.%n", SandboxOwner.thisHost(),
                    grader.db().where(), ctx.sandboxes().describe(), workers);
            ctx.out().flush();
            QueueEvents events = new QueueEvents() {
                @Override
                public void recorded(Lease lease, NewRun run, Completion completion) {
                    synchronized (ctx.out()) {
                        ctx.out().printf("%s job %d (submission %d): %s%n", completion == Completion.RETRYING
                                ? "retrying" : "graded", lease.jobId(), lease.submissionId(), run.verdict());
                        ctx.out().flush();
                    }
                }

                @Override
                public void outOfRotation(String worker, String reason) {
                    synchronized (ctx.out()) {
                        ctx.out().printf("Worker %s is out of rotation: %s. It leases no jobs until staff put it "
                                + "back on the queue page, or it is restarted and calibrates again.%n", worker, reason);
                        ctx.out().flush();
                    }
                }
            };
            // Each worker grades the labs' references first (calibration) and again when a suite changes; one whose
            // reference run fails or is far slower than its peers' is out of rotation and leases nothing.
            WorkerPool pool = grader.workers(workers, ctx.sandboxes(), events, ctx.references());
            if (untilEmpty) {
                pool.drain();
            } else {
                pool.serve(() -> false, Duration.ofSeconds(1));
            }
        }
        return ExitCode.OK.code();
    }
}
