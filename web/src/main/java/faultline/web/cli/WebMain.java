package faultline.web.cli;

import faultline.grader.cli.Cli;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** {@code faultline} as the distribution ships it: the grader's commands plus serve, demo, submit and handout. */
public final class WebMain {

    private WebMain() {
    }

    /** The grader's command line with this module's commands added. */
    static Cli.Builder withWebCommands(Cli.Builder grader) {
        return grader.subcommand("serve", ServeCommand::new)
                .subcommand("demo", DemoCommand::new)
                .subcommand("submit", SubmitCommand::new)
                .subcommand("handout", HandoutCommand::new);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = withWebCommands(Cli.standard(out, err)).build().execute(args);
        out.flush();
        err.flush();
        if (code != 0 || !ServeCommand.keepsRunning(args)) {
            System.exit(code);
        }
    }
}
