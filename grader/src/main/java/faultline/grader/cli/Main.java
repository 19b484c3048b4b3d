package faultline.grader.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** {@code faultline} as the grader ships it; the web module has its own main that adds its subcommands. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = Cli.standard(out, err).build().execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
