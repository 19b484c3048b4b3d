package faultline.grader.cli;

import faultline.grader.grading.Grader;
import faultline.grader.store.User;
import faultline.grader.users.Users;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "users", description = "Add, import and list people.")
final class UsersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.SUBMISSION_ERROR.code();
    }

    @Command(name = "add", description = "Add one user; with --password-stdin the first line of standard input is the password.")
    static final class Add implements Callable<Integer> {
        private final CliContext ctx;

        @Mixin
        GraderOptions options;

        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;

        @Option(names = "--name", description = "The person's full name, as pages show it")
        String name;

        @Option(names = "--email", defaultValue = "", description = "The person's e-mail address")
        String email;

        @Option(names = "--role", defaultValue = "student", description = "student, ta or instructor")
        String role;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input")
        boolean passwordStdin;

        Add(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            Optional<String> password = Optional.empty();
            if (passwordStdin) {
                password = Optional.ofNullable(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        .readLine()).map(String::strip);
            }
            try (Grader grader = options.open(ctx)) {
                User u = new Users(grader.db(), ctx.clock()).add(login, name == null ? login : name, email,
                        Users.role(role), password, "cli");
                ctx.out().printf("Added %s (%s)%s.%n", u.login(), u.role().name().toLowerCase(java.util.Locale.ROOT),
                        u.passwordHash().isPresent() ? " with a password" : "");
                return ExitCode.OK.code();
            }
        }
    }

    @Command(name = "import", description = "Import a roster CSV with header login,name,email,role.")
    static final class Import implements Callable<Integer> {
        private final CliContext ctx;

        @Mixin
        GraderOptions options;

        @Parameters(index = "0", paramLabel = "ROSTER.csv")
        Path roster;

        Import(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            try (Grader grader = options.open(ctx)) {
                Users.Imported result = new Users(grader.db(), ctx.clock()).importRoster(roster, "cli");
                ctx.out().printf("Imported %s: %d added, %d updated.%n", roster, result.added(), result.updated());
                result.problems().forEach(p -> ctx.out().println("  skipped " + p));
                return result.problems().isEmpty() ? ExitCode.OK.code() : ExitCode.SUBMISSION_ERROR.code();
            }
        }
    }

    @Command(name = "list", description = "List users.")
    static final class ListUsers implements Callable<Integer> {
        private final CliContext ctx;

        @Mixin
        GraderOptions options;

        ListUsers(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            try (Grader grader = options.open(ctx)) {
                for (User u : new Users(grader.db(), ctx.clock()).all()) {
                    ctx.out().printf("%-20s %-12s %s%n", u.login(), u.role().name().toLowerCase(java.util.Locale.ROOT),
                            u.name());
                }
                return ExitCode.OK.code();
            }
        }
    }
}
