package faultline.runner.compile;

import com.fasterxml.jackson.databind.ObjectMapper;
import faultline.runner.report.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the {@link SourceCompiler} in a JVM of its own. The JVM that runs lab code gives every object the same
 * identity hash (so that nothing lab code derives from one differs between runs), and javac cannot work in such a
 * JVM: some of its type inference goes wrong and correct code fails to compile. The child JVM is an ordinary one;
 * it writes the compilation's outcome as JSON, which this side reads back.
 */
public final class ForkedCompiler {

    /** What the child hands back: the sources it found and the errors javac reported. */
    record Outcome(List<String> sourceFiles, List<Diagnostic> errors) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path work;

    /** @param work a folder for the child's outcome and log */
    public ForkedCompiler(Path work) {
        this.work = work;
    }

    public Compilation compile(Path sourceRoot, Path framework, Path classes) throws IOException {
        Files.createDirectories(work);
        Path outcomeFile = work.resolve("compile-outcome.json");
        Path log = work.resolve("compile.log");
        long heapMb = Math.max(64, Runtime.getRuntime().maxMemory() / 2 >> 20);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto", "-Xss1m",
                "-Xmx" + heapMb + "m", "-cp", System.getProperty("java.class.path"), ForkedCompiler.class.getName(),
                sourceRoot.toString(), framework.toString(), classes.toString(), outcomeFile.toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            child.waitFor();
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while the compiler ran", e);
        }
        if (child.exitValue() != 0 || !Files.isRegularFile(outcomeFile)) {
            throw new IllegalStateException("the compiler's JVM ended with exit code " + child.exitValue()
                    + " and no outcome: " + tail(log));
        }
        Outcome outcome = JSON.readValue(outcomeFile.toFile(), Outcome.class);
        return new Compilation(classes, outcome.sourceFiles().stream().map(Path::of).toList(), outcome.errors());
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8).strip();
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }

    /** The child: SOURCE_ROOT FRAMEWORK CLASSES OUTCOME_JSON. */
    public static void main(String[] args) throws IOException {
        Compilation c = new SourceCompiler().compile(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        List<String> files = new ArrayList<>();
        c.sourceFiles().forEach(p -> files.add(p.toString()));
        JSON.writeValue(Path.of(args[3]).toFile(), new Outcome(files, c.errors()));
    }
}
