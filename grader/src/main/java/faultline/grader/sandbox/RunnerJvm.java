package faultline.grader.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * How the runner's JVM is started inside a sandbox.
 *
 * @param heapFraction the heap cap as a share of the sandbox's memory limit; the rest is for the
 *                     JVM itself, javac and thread stacks. Above 1 the JVM's own cap is out of the way
 *                     and the engine's memory limit is what stops a runaway (the OOM-kill test).
 * @param flags        further JVM flags
 */
public record RunnerJvm(double heapFraction, List<String> flags) {

    public RunnerJvm {
        flags = List.copyOf(flags);
    }

    /**
     * What lab code runs under, graded or not (the handout's test runs pass the first two): every identity hash is
     * 1, so whatever lab code derives from one (an object's default toString, the order of a HashSet of enums) is
     * the same in every JVM, and a failure replays from its seed alone. The runner refuses to grade without it, and
     * compiles in a JVM of its own (javac cannot work under it). The opened package lets the runner put the
     * submission on the JVM's own class path, where {@code mvn test} has it too, so nothing lab code can read (a
     * ClassCastException names the class loader) tells a grading from the student's own test run.
     */
    public static final List<String> LAB_CODE_FLAGS = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED");

    /**
     * 60% of the limit for the heap, and an OutOfMemoryError ends the JVM at once (exit 3 with a line
     * saying so) rather than leaving JUnit to carry on in a broken JVM. C1 only: a run is mostly javac
     * and JUnit warming up, where C1 alone cut a small lab's run from about 7 s to 4.5 s here.
     */
    public static RunnerJvm defaults() {
        List<String> flags = new ArrayList<>(List.of("-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-Xss1m", "-Xshare:auto"));
        flags.addAll(LAB_CODE_FLAGS);
        return new RunnerJvm(0.6, flags);
    }

    public List<String> arguments(SandboxLimits limits) {
        List<String> args = new ArrayList<>();
        args.add("-Xmx" + Math.max(32, (long) (limits.memoryBytes() * heapFraction) >> 20) + "m");
        args.addAll(flags);
        return args;
    }
}
