package faultline.grader.cli;

import faultline.grader.grading.Accepted;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Intake;
import faultline.grader.queue.QueueEvents;
import faultline.grader.users.Users;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "grade", description = {
        "Grade one submission now: validate, store, run it through the sandbox, print a per-test table.",
        "Exit codes: 0 all tests passed, 1 some failed, 2 rejected or an error verdict, 3 platform trouble."})
final class GradeCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Mixin
    GraderOptions options;

    @Parameters(index = "0", paramLabel = "LAB", description = "Lab name, e.g. pingpong")
    String lab;

    @Parameters(index = "1", paramLabel = "PATH", description = "A .zip, a .tar.gz or a folder of sources")
    Path path;

    @Option(names = "--student", paramLabel = "LOGIN", defaultValue = "local",
            description = "Whose submission this is (added as a student if new). Default: ${DEFAULT-VALUE}")
    String student;

    @Option(names = "--enforce-deadlines",
            description = "Apply the course's release date, hard end, submission limit and cooldown as for a student")
    boolean enforce;

    GradeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        try (Grader grader = options.open(ctx)) {
            grader.intake().gradableLab(lab);
            new Users(grader.db(), ctx.clock()).ensureStudent(student, "cli");
            Accepted accepted = grader.intake().submit(student, lab, path,
                    enforce ? Intake.Rules.STUDENT : Intake.Rules.STAFF);
            if (!accepted.dropped().isEmpty()) {
                ctx.out().println("Left out (not graded): " + String.join(", ", accepted.dropped()));
            }
            ctx.out().printf("Accepted %d source files as submission %d; grading with %s...%n", accepted.files(),
                    accepted.submissionId(), ctx.sandboxes().describe());
            ctx.out().flush();
            grader.workers(1, ctx.sandboxes(), QueueEvents.none()).drain();
            RunSummary summary = RunSummary.of(grader.db(), accepted.submissionId());
            summary.print(ctx.out());
            ctx.out().flush();
            return summary.exitCode().code();
        }
    }
}
