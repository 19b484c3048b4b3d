package faultline.grader.cli;

import faultline.grader.course.CourseException;
import faultline.grader.grading.SandboxFactory;
import faultline.grader.grading.ReferenceSolutions;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.sandbox.SandboxUnavailableException;
import faultline.grader.store.StoreException;
import faultline.grader.submission.SubmissionRejectedException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Builds the {@code faultline} command. Other modules add their own subcommands through
 * {@link Builder#subcommand}, given the same context (writers, clock, sandboxes) as the built-in ones.
 */
public final class Cli {

    @Command(name = "faultline", mixinStandardHelpOptions = true, version = "faultline 0.1.0",
            description = "Grade distributed-systems labs under injected faults.",
            subcommandsRepeatable = false)
    static final class Root implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** Read by the exception handler from the command line itself; declared here so every command takes it. */
        @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
                description = "When something fails, print its full stack trace after the sentence that explains it.")
        boolean verbose;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return ExitCode.SUBMISSION_ERROR.code();
        }
    }

    private Cli() {
    }

    public static Builder builder(PrintWriter out, PrintWriter err) {
        return new Builder(out, err);
    }

    /**
     * A builder wired as {@code faultline} ships: sandboxes, suites and the image builder found from the
     * environment ({@code FAULTLINE_HOME}, {@code FAULTLINE_SANDBOX}). The web module's main starts here and
     * adds its subcommands.
     */
    public static Builder standard(PrintWriter out, PrintWriter err) {
        Sandboxes.Standard standard = Sandboxes.detect(System.getenv());
        Builder builder = new Builder(out, err).sandboxes(standard.sandboxes()).suites(standard.suites())
                .references(standard.references());
        standard.imageBuilder().ifPresent(builder::imageBuilder);
        return builder;
    }

    /** Collects the context and extra subcommands, then builds the command line. */
    public static final class Builder {
        private final PrintWriter out;
        private final PrintWriter err;
        private Map<String, String> env = System.getenv();
        private Clock clock = Clock.systemUTC();
        private SandboxFactory sandboxes = Sandboxes.unavailable();
        private SuiteCatalog suites = SuiteCatalog.classpath();
        private Optional<Callable<String>> imageBuilder = Optional.empty();
        private ReferenceSolutions references = ReferenceSolutions.none();
        private final Map<String, Function<CliContext, Object>> extra = new LinkedHashMap<>();

        private Builder(PrintWriter out, PrintWriter err) {
            this.out = out;
            this.err = err;
        }

        public Builder env(Map<String, String> env) {
            this.env = Map.copyOf(env);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder sandboxes(SandboxFactory sandboxes) {
            this.sandboxes = sandboxes;
            return this;
        }

        public Builder suites(SuiteCatalog suites) {
            this.suites = suites;
            return this;
        }

        /** The reference solutions workers calibrate with; none by default (workers then do not calibrate). */
        public Builder references(ReferenceSolutions references) {
            this.references = references;
            return this;
        }

        public Builder imageBuilder(Callable<String> imageBuilder) {
            this.imageBuilder = Optional.of(imageBuilder);
            return this;
        }

        /** Adds a subcommand (a picocli-annotated object) made from the shared context. */
        public Builder subcommand(String name, Function<CliContext, Object> command) {
            extra.put(name, command);
            return this;
        }

        public CommandLine build() {
            CliContext ctx = new CliContext(out, err, env, clock, sandboxes, suites, imageBuilder, references);
            CommandLine cli = new CommandLine(new Root());
            cli.addSubcommand("grade", new GradeCommand(ctx));
            cli.addSubcommand("batch", new BatchCommand(ctx));
            cli.addSubcommand("regrade", new RegradeCommand(ctx));
            cli.addSubcommand("worker", new WorkerCommand(ctx));
            cli.addSubcommand("replay", new ReplayCommand(ctx));
            cli.addSubcommand("export", new ExportCommand(ctx));
            cli.addSubcommand("similarity", new SimilarityCommand(ctx));
            cli.addSubcommand("sandbox", new CommandLine(new SandboxCommand())
                    .addSubcommand("image", new SandboxCommand.Image(ctx)));
            cli.addSubcommand("users", new CommandLine(new UsersCommand())
                    .addSubcommand("add", new UsersCommand.Add(ctx))
                    .addSubcommand("import", new UsersCommand.Import(ctx))
                    .addSubcommand("list", new UsersCommand.ListUsers(ctx)));
            extra.forEach((name, make) -> cli.addSubcommand(name, make.apply(ctx)));
            cli.addSubcommand("help", new CommandLine.HelpCommand());
            withHelpEverywhere(cli);
            cli.setOut(out);
            cli.setErr(err);
            cli.setExitCodeExceptionMapper(Cli::exitCodeOf);
            cli.setParameterExceptionHandler((ex, args) -> {
                err.println(ex.getMessage());
                ex.getCommandLine().usage(err);
                return ExitCode.SUBMISSION_ERROR.code();
            });
            cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
                err.println(messageOf(ex));
                if (parseResult.originalArgs().contains("--verbose")) {
                    ex.printStackTrace(err);
                }
                err.flush();
                return exitCodeOf(ex);
            });
            return cli;
        }
    }

    /**
     * Gives every command {@code --help} (exit 0, its usage on standard output), and lists subcommands by the
     * first sentence of their description, whole, rather than by a first line cut where its text wraps.
     */
    private static void withHelpEverywhere(CommandLine command) {
        if (!command.getCommandSpec().helpCommand()) {
            command.getCommandSpec().mixinStandardHelpOptions(true);
        }
        command.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Cli::commandList);
        command.getSubcommands().values().forEach(Cli::withHelpEverywhere);
    }

    private static String commandList(CommandLine.Help help) {
        Map<String, CommandLine.Help> subcommands = help.subcommands();
        if (subcommands.isEmpty()) {
            return "";
        }
        int names = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
        int width = help.commandSpec().usageMessage().width();
        CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
                new CommandLine.Help.Column(names, 2, CommandLine.Help.Column.Overflow.SPAN),
                new CommandLine.Help.Column(width - names, 1, CommandLine.Help.Column.Overflow.WRAP));
        subcommands.forEach((name, sub) -> {
            CommandLine.Model.UsageMessageSpec usage = sub.commandSpec().usageMessage();
            table.addRowValues(name, firstSentence(usage.header().length > 0 ? usage.header() : usage.description()));
        });
        return table.toString();
    }

    /** The first sentence of a description given as lines, joined; the whole of it when it has one sentence. */
    static String firstSentence(String[] lines) {
        String text = String.join(" ", lines).replace("%n", " ").replaceAll("\\s+", " ").strip();
        int stop = text.indexOf(". ");
        return stop < 0 ? text : text.substring(0, stop + 1);
    }

    /** The one place an exception becomes an exit code. */
    static int exitCodeOf(Throwable ex) {
        if (ex instanceof SubmissionRejectedException || ex instanceof CourseException
                || ex instanceof IllegalArgumentException) {
            return ExitCode.SUBMISSION_ERROR.code();
        }
        return ExitCode.PLATFORM_TROUBLE.code();
    }

    static String messageOf(Throwable ex) {
        if (ex instanceof SubmissionRejectedException || ex instanceof CourseException
                || ex instanceof IllegalArgumentException || ex instanceof SandboxUnavailableException
                || ex instanceof StoreException) {
            return ex.getMessage();
        }
        List<String> chain = new ArrayList<>();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            chain.add(t.toString());
        }
        return "The grader failed unexpectedly: " + String.join(" <- ", chain)
                + ". This is a bug in Faultline; please report it with the command you ran.";
    }
}
