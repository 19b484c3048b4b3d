package faultline.grader.cli;

import faultline.grader.grading.Accepted;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Intake;
import faultline.grader.queue.Completion;
import faultline.grader.queue.QueueEvents;
import faultline.grader.store.GradingJob;
import faultline.grader.store.JobReason;
import faultline.grader.store.JobState;
import faultline.grader.store.JobDao;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.User;
import faultline.grader.submission.SubmissionRejectedException;
import faultline.grader.users.Users;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "batch", description = {
        "Grade many submissions: a folder with one .zip, .tar.gz or folder per student (named by login),",
        "or --latest LAB to grade every student's latest submission of a lab. Safe to run again after a",
        "crash: sources already submitted are not submitted twice, and unfinished jobs are picked up."})
final class BatchCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Mixin
    GraderOptions options;

    @Option(names = "--latest", paramLabel = "LAB", description = "Grade each student's latest submission of LAB")
    String latest;

    @Parameters(arity = "0..2", paramLabel = "LAB DIR",
            description = "The lab, and a folder with one submission per student (named by login)")
    List<String> positional = new ArrayList<>();

    private String lab;
    private Path dir;

    @Option(names = "--workers", defaultValue = "1", description = "Workers grading at once (each with its own sandbox)")
    int workers;

    @Option(names = "--no-progress", description = "Do not draw a progress bar")
    boolean noProgress;

    BatchCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        try (Grader grader = options.open(ctx)) {
            List<String> rejected = new ArrayList<>();
            List<String> created = new ArrayList<>();
            QueuedGrading queued = new QueuedGrading();
            if (latest != null && positional.isEmpty()) {
                lab = latest;
                enqueueLatest(grader, queued);
            } else if (latest == null && positional.size() == 2) {
                lab = positional.get(0);
                dir = Path.of(positional.get(1));
                submitFolder(grader, queued, rejected, created);
            } else {
                throw new IllegalArgumentException("Give either a lab and a folder (faultline batch pbkv handins/) "
                        + "or --latest LAB, not both.");
            }
            if (!created.isEmpty()) {
                ctx.out().printf("Created %d student account(s) for folder names that matched no account: %s.%n",
                        created.size(), String.join(", ", created));
            }
            ctx.out().printf("Queued %d submission(s) of lab %s; grading with %d worker(s) here, beside any server"
                    + " or worker on this data folder.%n", queued.size(), lab, workers);
            ctx.out().flush();
            Map<Completion, AtomicInteger> completions = new EnumMap<>(Completion.class);
            long start = System.nanoTime();
            List<QueuedGrading.Graded> graded;
            try (ProgressBar bar = progress(queued.size())) {
                QueueEvents events = (lease, run, completion) ->
                        completions.computeIfAbsent(completion, c -> new AtomicInteger()).incrementAndGet();
                graded = queued.await(grader, grader.workers(workers, ctx.sandboxes(), events), ctx.out(),
                        g -> bar.step());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ctx.out().printf("Batch done in %.1f s: %d submission(s) graded, in %s.%n", seconds, graded.size(),
                    QueuedGrading.sandboxes(graded));
            graded.forEach(g -> ctx.out().println("  " + g.line()));
            Map<String, Integer> verdicts = new java.util.TreeMap<>();
            graded.forEach(g -> verdicts.merge(g.verdict(), 1, Integer::sum));
            verdicts.forEach((v, n) -> ctx.out().printf("  %-16s %d%n", v, n));
            int retried = completions.getOrDefault(Completion.RETRYING, new AtomicInteger()).get();
            if (retried > 0) {
                ctx.out().printf("  platform failures retried: %d (not charged to students)%n", retried);
            }
            rejected.forEach(r -> ctx.out().println("  rejected: " + r));
            ctx.out().flush();
            if (graded.stream().anyMatch(g -> g.state() == JobState.FAILED)) {
                return ExitCode.PLATFORM_TROUBLE.code();
            }
            return rejected.isEmpty() ? ExitCode.OK.code() : ExitCode.SUBMISSION_ERROR.code();
        }
    }

    private ProgressBar progress(int total) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("grading").setInitialMax(total)
                .continuousUpdate();
        if (noProgress) {
            builder.setConsumer(new DelegatingProgressBarConsumer(line -> { }));
        } else {
            builder.setConsumer(new DelegatingProgressBarConsumer(line -> {
                ctx.err().print("\r" + line);
                ctx.err().flush();
            }));
        }
        return builder.build();
    }

    private void submitFolder(Grader grader, QueuedGrading queued, List<String> rejected, List<String> created)
            throws Exception {
        grader.intake().gradableLab(lab);
        Users users = new Users(grader.db(), ctx.clock());
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not list " + dir + " (" + e.getMessage()
                    + "). Give a folder holding one submission per student.");
        }
        for (Path entry : entries) {
            String login = entry.getFileName().toString().replaceFirst("\\.(zip|tar\\.gz|tgz)$", "");
            try {
                boolean known = users.find(login).isPresent();
                long userId = users.ensureStudent(login, "batch").id();
                if (!known) {
                    created.add(login);
                }
                Optional<Submission> earlier = alreadySubmitted(grader, userId, entry);
                if (earlier.isPresent()) {
                    // A rerun: the submission is reported again with whatever its latest job gave.
                    latestJob(grader, earlier.get().id()).ifPresent(job ->
                            queued.add(new QueuedGrading.Queued(login, userId, lab, earlier.get().id(), job)));
                    continue;
                }
                Accepted accepted = grader.intake().submit(login, lab, entry, Intake.Rules.STAFF);
                queued.add(new QueuedGrading.Queued(login, userId, lab, accepted.submissionId(), accepted.jobId()));
            } catch (SubmissionRejectedException | IllegalArgumentException e) {
                rejected.add(login + ": " + e.getMessage());
            }
        }
    }

    /** Same student, lab and sources as a stored submission: a rerun of this batch, so it is not stored again. */
    private Optional<Submission> alreadySubmitted(Grader grader, long userId, Path entry)
            throws SubmissionRejectedException {
        String hash = grader.intake().contentHash(lab, entry);
        return grader.db().read(h -> h.attach(SubmissionDao.class).of(userId, lab)).stream()
                .filter(s -> s.contentHash().equals(hash)).findFirst();
    }

    private static Optional<Long> latestJob(Grader grader, long submissionId) {
        return grader.db().read(h -> h.attach(JobDao.class).ofSubmission(submissionId)).stream()
                .map(GradingJob::id).max(Long::compare);
    }

    private void enqueueLatest(Grader grader, QueuedGrading queued) throws Exception {
        grader.intake().gradableLab(lab);
        List<Submission> latest = grader.db().read(h -> h.attach(SubmissionDao.class).latestOfLab(lab));
        for (Submission s : latest) {
            Optional<GradingJob> pending = grader.db().read(h -> h.attach(JobDao.class).ofSubmission(s.id())).stream()
                    .filter(j -> j.state() == JobState.QUEUED || j.state() == JobState.RUNNING).findFirst();
            long job = pending.map(GradingJob::id)
                    .orElseGet(() -> grader.queue().enqueue(s.id(), JobReason.SUBMISSION));
            String login = grader.records().user(s.userId()).map(User::login).orElse("user " + s.userId());
            queued.add(new QueuedGrading.Queued(login, s.userId(), lab, s.id(), job));
        }
    }
}
