package faultline.grader.cli;

import faultline.grader.grading.Grader;
import faultline.grader.grading.Regrade;
import faultline.grader.records.SimilarityRecords;
import faultline.grader.similarity.HandedOut;
import faultline.grader.similarity.Similarity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "similarity", description = {
        "Compare every student's counted submission of a lab with JPlag, the lab's skeleton as base code and the",
        "course's provided files left out; print the ranked pairs and keep the run for staff on the dashboard."})
final class SimilarityCommand implements Callable<Integer> {

    enum Which { latest, best }

    private final CliContext ctx;

    @Mixin
    GraderOptions options;

    @Parameters(index = "0", paramLabel = "LAB")
    String lab;

    @Option(names = "--which", defaultValue = "latest", description = "Which submission of each student: "
            + "${COMPLETION-CANDIDATES} (the one the current grade stands on). Default: ${DEFAULT-VALUE}")
    Which which;

    @Option(names = "--min", paramLabel = "PERCENT", defaultValue = "20",
            description = "Keep and print only pairs at least this similar, in percent. Default: ${DEFAULT-VALUE}")
    double minPercent;

    @Option(names = "--compare-with", paramLabel = "FOLDER", description = "Also compare with earlier terms' or known "
            + "public solutions: one folder per solution inside FOLDER (not compared among themselves)")
    Path compareWith;

    SimilarityCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        SimilarityRecords.Settings settings = new SimilarityRecords.Settings(lab,
                Regrade.Which.valueOf(which.name().toUpperCase(Locale.ROOT)), minPercent,
                Optional.ofNullable(compareWith).map(p -> p.toAbsolutePath().normalize().toString()));
        try (Grader grader = options.open(ctx)) {
            Similarity similarity = new Similarity(grader, HandedOut.referenceIn(ctx.home()));
            SimilarityRecords.Run run = similarity.run(settings, "cli");
            PrintWriter out = ctx.out();
            if (run.state() != SimilarityRecords.State.DONE) {
                ctx.err().println(run.message());
                ctx.err().flush();
                return ExitCode.SUBMISSION_ERROR.code();
            }
            out.printf("Similarity of lab %s (run %d, %s submissions, the skeleton as base code): %s%n", lab, run.id(),
                    which, run.message());
            List<SimilarityRecords.Pair> pairs = grader.similarity().pairs(run.id(), minPercent);
            if (!pairs.isEmpty()) {
                out.printf("%5s  %-24s %-24s %10s%n", "rank", "first", "second", "similarity");
            }
            for (SimilarityRecords.Pair p : pairs) {
                out.printf("%5d  %-24s %-24s %10s%n", p.rank(), p.first().name(), p.second().name(),
                        Similarity.percent(p.percent()));
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }
}
