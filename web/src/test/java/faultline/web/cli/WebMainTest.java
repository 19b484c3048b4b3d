package faultline.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The distribution's own commands answer --help (and `help COMMAND`) with their usage, exit code 0. */
class WebMainTest {

    @Test
    void everyWebCommandAnswersHelpWithItsUsage() {
        for (String command : List.of("serve", "demo", "submit", "handout")) {
            for (List<String> args : List.of(List.of(command, "--help"), List.of(command, "-h"), List.of("help", command))) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = WebMain.withWebCommands(Cli.builder(new PrintWriter(out, true), new PrintWriter(err, true)))
                        .build().execute(args.toArray(String[]::new));
                assertEquals(0, code, args + ": " + err);
                assertTrue(out.toString().startsWith("Usage: faultline " + command), args + ": " + out);
            }
        }
    }
}
