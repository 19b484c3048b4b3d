package faultline.grader.cli;

import faultline.grader.grading.Grader;
import faultline.grader.grading.Intake;
import faultline.grader.queue.Completion;
import faultline.grader.queue.QueueEvents;
import faultline.grader.store.JobReason;
import faultline.grader.store.JobState;
import faultline.grader.store.JobDao;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import faultline.grader.submission.SubmissionRejectedException;
import faultline.grader.users.Users;
import faultline.runner.report.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
            if (latest != null && positional.isEmpty()) {
                enqueueLatest(grader, latest);
            } else if (latest == null && positional.size() == 2) {
                lab = positional.get(0);
                dir = Path.of(positional.get(1));
                submitFolder(grader, rejected);
            } else {
                throw new IllegalArgumentException("Give either a lab and a folder (faultline batch pbkv handins/) "
                        + "or --latest LAB, not both.");
            }
            int total = grader.queue().pending();
            Map<Completion, AtomicInteger> completions = new EnumMap<>(Completion.class);
            Map<Verdict, AtomicInteger> verdicts = new EnumMap<>(Verdict.class);
            long start = System.nanoTime();
            try (ProgressBar bar = progress(total)) {
                QueueEvents events = (lease, run, completion) -> {
                    completions.computeIfAbsent(completion, c -> new AtomicInteger()).incrementAndGet();
                    if (completion == Completion.FINAL || completion == Completion.GAVE_UP) {
                        verdicts.computeIfAbsent(run.verdict(), v -> new AtomicInteger()).incrementAndGet();
                        bar.step();
                    }
                };
                grader.workers(workers, ctx.sandboxes(), events).drain();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ctx.out().printf("Batch done in %.1f s with %d worker(s) on %s.%n", seconds, workers,
                    ctx.sandboxes().describe());
            verdicts.forEach((v, n) -> ctx.out().printf("  %-16s %d%n", v, n.get()));
            int retried = completions.getOrDefault(Completion.RETRYING, new AtomicInteger()).get();
            if (retried > 0) {
                ctx.out().printf("  platform failures retried: %d (not charged to students)%n", retried);
            }
            rejected.forEach(r -> ctx.out().println("  rejected: " + r));
            long failed = grader.db().read(h -> h.attach(JobDao.class).all()).stream()
                    .filter(j -> j.state() == JobState.FAILED).count();
            ctx.out().flush();
            if (failed > 0) {
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

    private void submitFolder(Grader grader, List<String> rejected) throws Exception {
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
                long userId = users.ensureStudent(login, "batch").id();
                if (alreadySubmitted(grader, userId, entry)) {
                    continue;
                }
                grader.intake().submit(login, lab, entry, Intake.Rules.STAFF);
            } catch (SubmissionRejectedException | IllegalArgumentException e) {
                rejected.add(login + ": " + e.getMessage());
            }
        }
    }

    /** Same student, lab and sources as a stored submission: a rerun of this batch, so it is not stored again. */
    private boolean alreadySubmitted(Grader grader, long userId, Path entry) throws SubmissionRejectedException {
        String hash = grader.intake().contentHash(lab, entry);
        return grader.db().read(h -> h.attach(SubmissionDao.class).of(userId, lab)).stream()
                .anyMatch(s -> s.contentHash().equals(hash));
    }

    private void enqueueLatest(Grader grader, String lab) throws Exception {
        grader.intake().gradableLab(lab);
        List<Submission> latest = grader.db().read(h -> h.attach(SubmissionDao.class).latestOfLab(lab));
        for (Submission s : latest) {
            boolean pending = grader.db().read(h -> h.attach(JobDao.class).ofSubmission(s.id())).stream()
                    .anyMatch(j -> j.state() == JobState.QUEUED || j.state() == JobState.RUNNING);
            if (!pending) {
                grader.queue().enqueue(s.id(), JobReason.SUBMISSION);
            }
        }
    }
}
