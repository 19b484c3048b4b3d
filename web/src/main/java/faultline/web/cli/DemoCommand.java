package faultline.web.cli;

import faultline.grader.cli.CliContext;
import faultline.grader.cli.ExitCode;
import faultline.grader.course.Course;
import faultline.grader.course.CourseFile;
import faultline.grader.course.LabConfig;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Intake;
import faultline.grader.store.Role;
import faultline.grader.users.Users;
import faultline.web.Dashboard;
import faultline.web.Transport;
import faultline.web.account.Secrets;
import faultline.web.demo.DemoCourse;
import faultline.web.demo.SampleSubmissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", description = {"Create a demo course in a fresh data folder (students, a TA, an instructor),",
        "grade sample submissions (reference, skeleton, buggy) and serve the dashboard on localhost."})
final class DemoCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Option(names = "--data", defaultValue = "demo-data", paramLabel = "DIR",
            description = "Folder for the demo's data; must be new or empty. Default: ${DEFAULT-VALUE}")
    Path data;

    @Option(names = "--port", defaultValue = "7070", description = "Port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--workers", defaultValue = "1", description = "Grading workers. Default: ${DEFAULT-VALUE}")
    int workers;

    /** Marks a data folder as a demo's, which a later demo may move aside. */
    static final String DEMO_MARKER = "DEMO.txt";

    /**
     * Makes sure {@code data} is free for a new demo. An earlier demo's folder is moved aside (its passwords
     * were printed once and are stored only hashed, so a fresh demo starts beside it; nothing is deleted);
     * a folder holding anything else is refused.
     *
     * @return where an earlier demo was moved, if there was one
     */
    static Optional<Path> makeRoom(Path data, Instant now) throws IOException {
        if (!Files.isDirectory(data)) {
            return Optional.empty();
        }
        try (var entries = Files.list(data)) {
            if (entries.findAny().isEmpty()) {
                return Optional.empty();
            }
        }
        if (!Files.exists(data.resolve(DEMO_MARKER))) {
            throw new IllegalArgumentException("The folder " + data.toAbsolutePath() + " already holds data that a"
                    + " demo did not make. Pass --data with a new folder to start a demo.");
        }
        Path previous = data.resolveSibling(data.getFileName() + "-" + now.toEpochMilli());
        Files.move(data, previous);
        return Optional.of(previous);
    }

    DemoCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        makeRoom(data, ctx.clock().instant()).ifPresent(previous ->
                ctx.out().println("The previous demo was moved to " + previous.toAbsolutePath() + "."));
        Course course = DemoCourse.around(CourseFile.defaultCourse(), ctx.clock().instant(), ctx.suites());
        Grader grader = new Grader(new DataFolder(data), course, ctx.clock(), ctx.suites());
        Files.writeString(data.resolve(DEMO_MARKER), "This folder was made by `faultline demo`.\n");
        Users users = grader.users();
        Secrets secrets = new Secrets(new SecureRandom());
        Map<String, String> logins = new LinkedHashMap<>();
        for (String[] person : List.of(new String[]{"alice", "Alice Liskov", "STUDENT"},
                new String[]{"bob", "Bob Lamport", "STUDENT"}, new String[]{"carol", "Carol Chandy", "STUDENT"},
                new String[]{"tara", "Tara Assistant", "TA"}, new String[]{"ivan", "Ivan Instructor", "INSTRUCTOR"})) {
            String password = secrets.fresh().substring(0, 12);
            users.add(person[0], person[1], person[0] + "@demo.invalid", Role.valueOf(person[2]),
                    Optional.of(password), "demo");
            logins.put(person[0] + " (" + person[2].toLowerCase(java.util.Locale.ROOT) + ")", password);
        }
        Path home = Path.of(ctx.env().getOrDefault("FAULTLINE_HOME", "."));
        List<String> queued = new ArrayList<>();
        String[] students = {"alice", "bob", "carol"};
        for (LabConfig lab : course.labs()) {
            if (!ctx.suites().hasSuite(lab.name())) {
                continue;
            }
            List<SampleSubmissions.Sample> samples = SampleSubmissions.of(home, lab.name(), grader.data().scratch()
                    .resolve("demo-samples"));
            for (int i = 0; i < samples.size(); i++) {
                SampleSubmissions.Sample sample = samples.get(i);
                long id = grader.intake().submit(students[i % students.length], lab.name(), sample.folder(),
                        Intake.Rules.STAFF).submissionId();
                queued.add(lab.name() + " " + sample.kind() + " as " + students[i % students.length]
                        + " (submission " + id + ")");
            }
        }
        ctx.out().printf("Demo course in %s.%n", data.toAbsolutePath());
        ctx.out().println("Sign in with:");
        logins.forEach((who, password) -> ctx.out().printf("  %-22s password %s%n", who, password));
        ctx.out().printf("Queued %d sample submission(s): %s.%n", queued.size(), String.join("; ", queued));
        if (queued.isEmpty()) {
            ctx.out().println("No lab has both a hidden suite and sources in " + home.toAbsolutePath()
                    + "; set FAULTLINE_HOME to the Faultline checkout to grade samples.");
        }
        // Open one sandbox up front so the demo can say which kind grades (Docker, or the local process).
        try (faultline.grader.sandbox.Sandbox probe = ctx.sandboxes().open()) {
            ctx.out().println("Grading with: " + ctx.sandboxes().describe().replaceAll("\\.$", "") + ".");
        } catch (faultline.grader.sandbox.SandboxUnavailableException e) {
            ctx.out().println("No sandbox is available (" + e.getMessage() + "); submissions will wait in the queue.");
        }
        ctx.out().flush();
        Server.run(ctx, grader, "127.0.0.1", port, workers, Transport.DIRECT,
                () -> ctx.out().println("Open the address above and sign in; results appear as grading finishes."));
        return ExitCode.OK.code();
    }
}
