package faultline.grader.cli;

import faultline.grader.course.LabConfig;
import faultline.grader.export.CsvGradebook;
import faultline.grader.export.GradescopeResults;
import faultline.grader.export.JUnitXml;
import faultline.grader.grading.Grader;
import faultline.grader.store.LabDao;
import faultline.grader.store.Role;
import faultline.grader.store.RunDao;
import faultline.grader.store.RunRow;
import faultline.grader.store.ScoreDao;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.TestResultRow;
import faultline.grader.store.UserDao;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", description = {
        "Export grades: csv (gradebook of all students and labs), gradescope (results.json of one submission),",
        "junit (JUnit XML of one submission). Writes to --out, or standard output."})
final class ExportCommand implements Callable<Integer> {

    enum Format { csv, gradescope, junit }

    private final CliContext ctx;

    @Mixin
    GraderOptions options;

    @Option(names = "--format", defaultValue = "csv", description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--submission", paramLabel = "ID", description = "The submission, for gradescope and junit")
    Long submission;

    @Option(names = "--out", paramLabel = "FILE", description = "The file to write. Default: standard output")
    Path out;

    ExportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        try (Grader grader = options.open(ctx)) {
            String text;
            if (format == Format.csv) {
                StringWriter buffer = new StringWriter();
                grader.db().read(h -> {
                    CsvGradebook.write(new PrintWriter(buffer), h.attach(UserDao.class).withRole(Role.STUDENT),
                            h.attach(LabDao.class).all(), h.attach(ScoreDao.class).allCurrent());
                    return null;
                });
                text = buffer.toString();
            } else {
                if (submission == null) {
                    throw new IllegalArgumentException("Say which submission to export with --submission ID.");
                }
                Submission s = grader.db().read(h -> h.attach(SubmissionDao.class).byId(submission)).orElseThrow(() ->
                        new IllegalArgumentException("There is no submission " + submission + "."));
                RunRow run = grader.db().read(h -> h.attach(RunDao.class).standing(s.id())).orElseThrow(() ->
                        new IllegalArgumentException("Submission " + submission + " has not been graded yet."));
                List<TestResultRow> results = grader.db().read(h -> h.attach(RunDao.class).results(run.id()));
                LabConfig lab = grader.course().requireLab(s.lab());
                text = format == Format.gradescope ? GradescopeResults.json(GradescopeResults.of(run, results, lab))
                        : JUnitXml.of("faultline." + s.lab(), run, results);
            }
            if (out == null) {
                ctx.out().print(text);
                ctx.out().flush();
            } else {
                Files.writeString(out, text, StandardCharsets.UTF_8);
                ctx.out().println("Wrote " + out);
            }
            return ExitCode.OK.code();
        }
    }
}
