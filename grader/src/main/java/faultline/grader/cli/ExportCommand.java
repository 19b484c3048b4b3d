package faultline.grader.cli;

import faultline.grader.course.CourseException;
import faultline.grader.course.LabConfig;
import faultline.grader.export.CsvGradebook;
import faultline.grader.export.GradescopeResults;
import faultline.grader.export.JUnitXml;
import faultline.grader.grading.Grader;
import faultline.grader.records.ScoreboardData;
import faultline.grader.store.RunRow;
import faultline.grader.store.ScoreRow;
import faultline.grader.store.Submission;
import faultline.grader.store.TestResultRow;
import faultline.grader.store.User;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", description = {
        "Export grades: csv (the gradebook of all students and labs, as the dashboard's scoreboard download),",
        "canvas and moodle (the gradebook as those systems' CSV grade import reads it), gradescope (results.json)",
        "and junit (JUnit XML) of one submission (--submission ID) or of every student's counted submission of a",
        "lab (--lab LAB --out DIR, one file per student named by login). Writes to --out, or standard output."})
final class ExportCommand implements Callable<Integer> {

    enum Format { csv, canvas, moodle, gradescope, junit }

    private final CliContext ctx;

    @Mixin
    GraderOptions options;

    @Option(names = "--format", defaultValue = "csv", description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--submission", paramLabel = "ID", description = "The submission, for gradescope and junit")
    Long submission;

    @Option(names = "--lab", paramLabel = "LAB",
            description = "For gradescope and junit: every student's counted submission of LAB, into the folder --out")
    String lab;

    @Option(names = "--out", paramLabel = "FILE",
            description = "The file to write (with --lab, the folder). Default: standard output")
    Path out;

    ExportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        try (Grader grader = options.open(ctx)) {
            if (format == Format.csv || format == Format.canvas || format == Format.moodle) {
                ScoreboardData data = grader.records().scoreboardIfChanged("").orElseThrow();
                CsvGradebook book = new CsvGradebook(grader.course().labs(), data);
                List<User> students = data.students().stream().sorted(java.util.Comparator.comparing(User::login))
                        .toList();
                write(switch (format) {
                    case canvas -> book.canvas(students);
                    case moodle -> book.moodle(students);
                    default -> book.faultline(students);
                });
            } else if (submission != null && lab == null) {
                Submission s = grader.records().submission(submission).orElseThrow(() ->
                        new IllegalArgumentException("There is no submission " + submission + "."));
                RunRow run = grader.records().standingRun(s.id()).orElseThrow(() ->
                        new IllegalArgumentException("Submission " + submission + " has not been graded yet."));
                write(render(grader, s.lab(), run));
            } else if (lab != null && submission == null) {
                return exportLab(grader);
            } else {
                throw new IllegalArgumentException("Say what to export as " + format + ": --submission ID for one"
                        + " submission, or --lab LAB --out DIR for every student's counted submission of a lab.");
            }
            return ExitCode.OK.code();
        }
    }

    /** One file per student with a grade in the lab, from the run that grade counts, named by the student's login. */
    private int exportLab(Grader grader) throws Exception {
        grader.course().requireLab(lab);
        if (out == null) {
            throw new IllegalArgumentException("Give the folder to write one file per student into with --out DIR.");
        }
        Files.createDirectories(out);
        Map<Long, User> users = grader.records().users().stream()
                .collect(Collectors.toMap(User::id, Function.identity()));
        Map<String, ScoreRow> counted = new TreeMap<>();
        grader.records().currentScores().stream().filter(s -> s.lab().equals(lab))
                .forEach(s -> counted.put(users.get(s.userId()).login(), s));
        for (Map.Entry<String, ScoreRow> entry : counted.entrySet()) {
            RunRow run = grader.records().run(entry.getValue().runId()).orElseThrow();
            Path file = format == Format.gradescope ? out.resolve(entry.getKey()).resolve("results.json")
                    : out.resolve(entry.getKey() + ".xml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, render(grader, lab, run), StandardCharsets.UTF_8);
        }
        ctx.out().printf("Wrote %d file(s) to %s, one per student graded in lab %s (their counted submission).%n",
                counted.size(), out, lab);
        ctx.out().flush();
        return ExitCode.OK.code();
    }

    private String render(Grader grader, String labName, RunRow run) throws CourseException {
        List<TestResultRow> results = grader.records().results(run.id());
        LabConfig config = grader.course().requireLab(labName);
        return format == Format.gradescope ? GradescopeResults.json(GradescopeResults.of(run, results, config))
                : JUnitXml.of("faultline." + labName, run, results);
    }

    private void write(String text) throws Exception {
        if (out == null) {
            ctx.out().print(text);
            ctx.out().flush();
        } else {
            Files.writeString(out, text, StandardCharsets.UTF_8);
            ctx.out().println("Wrote " + out);
            ctx.out().flush();
        }
    }
}
