package faultline.grader.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "sandbox", description = "Manage the grading sandbox.")
final class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.SUBMISSION_ERROR.code();
    }

    @Command(name = "image", description = "Build the Docker sandbox image from this machine's JDK (no registry needed).")
    static final class Image implements Callable<Integer> {
        private final CliContext ctx;

        Image(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            if (ctx.imageBuilder().isEmpty()) {
                ctx.err().println("This build of Faultline has no Docker sandbox image builder. Build the grader with "
                        + "the sandbox module and try again; meanwhile grading uses the local process sandbox.");
                return ExitCode.PLATFORM_TROUBLE.code();
            }
            ctx.out().println(ctx.imageBuilder().get().call());
            return ExitCode.OK.code();
        }
    }
}
