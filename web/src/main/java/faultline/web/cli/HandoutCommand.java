package faultline.web.cli;

import faultline.grader.cli.CliContext;
import faultline.grader.cli.ExitCode;
import faultline.skeleton.handout.Handout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "handout", description = {
        "Write a lab's handout: the skeleton, its public tests, the framework jar and a pom with which",
        "`mvn test` runs the public tests offline, outside this repository."})
final class HandoutCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "LAB", description = "Lab name, e.g. pingpong")
    String lab;

    @Parameters(index = "1", paramLabel = "OUT", arity = "0..1",
            description = "The zip to write. Default: faultline-LAB.zip in the current folder")
    Path out;

    HandoutCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        Path zip = out != null ? out : Path.of("faultline-" + lab + ".zip");
        if (Files.isDirectory(zip)) {
            zip = zip.resolve("faultline-" + lab + ".zip");
        }
        try {
            Handout.build(lab, zip);
        } catch (IllegalArgumentException e) {
            ctx.err().println("No handout for lab '" + lab + "': " + e.getMessage());
            return ExitCode.SUBMISSION_ERROR.code();
        }
        ctx.out().printf("Wrote %s (%d KiB). Unzip it and run `mvn test` in faultline-%s/ to run the public tests.%n",
                zip, Files.size(zip) / 1024, lab);
        return ExitCode.OK.code();
    }
}
