package faultline.grader.cli;

import faultline.grader.grading.SandboxFactory;
import faultline.grader.grading.SuiteCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import faultline.grader.grading.ReferenceSolutions;

/**
 * What commands get from outside: where to write, the environment, the clock, and how to obtain sandboxes,
 * suites and the sandbox image. Tests pass their own writers and a stand-in sandbox.
 *
 * @param imageBuilder builds the Docker sandbox image and says what it built, when this build has one
 * @param references   the labs' reference solutions workers calibrate with (none: they do not calibrate)
 */
public record CliContext(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock,
                         SandboxFactory sandboxes, SuiteCatalog suites, Optional<Callable<String>> imageBuilder,
                         ReferenceSolutions references) {

    /** A context whose workers do not calibrate (no reference solutions). */
    public CliContext(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, SandboxFactory sandboxes,
                      SuiteCatalog suites, Optional<Callable<String>> imageBuilder) {
        this(out, err, env, clock, sandboxes, suites, imageBuilder, ReferenceSolutions.none());
    }

    /** The built checkout or distribution this runs from: FAULTLINE_HOME, else the current folder. */
    public Path home() {
        return Path.of(env.getOrDefault("FAULTLINE_HOME", "."));
    }

    /** The data folder: --data, else FAULTLINE_DATA, else ./data. */
    public Path dataFolder(Optional<Path> option) {
        return option.orElseGet(() -> Path.of(env.getOrDefault("FAULTLINE_DATA", "data")));
    }
}
