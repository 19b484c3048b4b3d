package faultline.runner.compile;

import faultline.runner.report.Diagnostic;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles every .java file under a source root for Java 17, with annotation processing off (a
 * submission must not run code at compile time) and only the framework on the class path (so lab
 * code cannot even name the test kit or the suites).
 */
public final class SourceCompiler {

    /** A run with more errors than this shows the first ones; the rest follow from them most of the time. */
    private static final int MAX_ERRORS = 50;

    public Compilation compile(Path sourceRoot, Path framework, Path classes) throws IOException {
        Files.createDirectories(classes);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            files = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        }
        List<Path> relative = files.stream().map(sourceRoot::relativize).toList();
        if (files.isEmpty()) {
            return new Compilation(classes, relative,
                    List.of(new Diagnostic(".", 0, "The submission has no .java files. Submit the lab's sources.")));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("This Java runtime has no compiler (module jdk.compiler is missing).");
        }
        DiagnosticCollector<JavaFileObject> collected = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(collected, Locale.ENGLISH, StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>(releaseOptions());
            options.addAll(List.of("-proc:none", "-encoding", "UTF-8", "-g:source,lines",
                    "-implicit:class", "-Xlint:none", "-Xmaxerrs", String.valueOf(MAX_ERRORS),
                    "-classpath", framework.toString(),
                    "-sourcepath", "",
                    "-d", classes.toString()));
            StringWriter javacOut = new StringWriter();
            boolean ok = javac.getTask(javacOut, fm, collected, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
            List<Diagnostic> errors = new ArrayList<>();
            for (javax.tools.Diagnostic<? extends JavaFileObject> d : collected.getDiagnostics()) {
                if (d.getKind() == javax.tools.Diagnostic.Kind.ERROR) {
                    errors.add(new Diagnostic(fileOf(d, sourceRoot), (int) Math.max(0, d.getLineNumber()),
                            withSourceLine(d)));
                }
            }
            if (!ok && errors.isEmpty()) {
                errors.add(new Diagnostic(".", 0, "The compiler failed without saying where: " + javacOut.toString().strip()));
            }
            return new Compilation(classes, relative, errors);
        }
    }

    /**
     * The compiler's message as javac prints it: its first line, then the source line and a caret under the column,
     * then the rest of the message ("symbol: ...", "location: ...").
     */
    static String withSourceLine(javax.tools.Diagnostic<? extends JavaFileObject> d) {
        String message = d.getMessage(Locale.ENGLISH);
        if (d.getSource() == null || d.getPosition() == javax.tools.Diagnostic.NOPOS) {
            return message;
        }
        String content;
        try {
            content = d.getSource().getCharContent(true).toString();
        } catch (java.io.IOException e) {
            return message;
        }
        // javac's column counts a tab as up to 8 columns; the caret is placed by character instead.
        int position = (int) Math.min(d.getPosition(), content.length());
        int start = Math.max(content.lastIndexOf('\n', position - 1), content.lastIndexOf('\r', position - 1)) + 1;
        int end = content.indexOf('\n', position);
        String line = content.substring(start, end < 0 ? content.length() : end).replaceFirst("\r$", "");
        int index = Math.min(position - start, line.length());
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < index; i++) {
            caret.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        int firstBreak = message.indexOf('\n');
        String first = firstBreak < 0 ? message : message.substring(0, firstBreak);
        String rest = firstBreak < 0 ? "" : message.substring(firstBreak);
        return first + "\n    " + line + "\n    " + caret + "^" + rest;
    }

    /**
     * javac in a jlink runtime (the sandbox image) rejects --release 17 ("not supported"); on a Java 17
     * runtime its own class library is exactly the release-17 API, so -source/-target 17 compile alike.
     */
    private static List<String> releaseOptions() {
        return Runtime.version().feature() == 17 ? List.of("-source", "17", "-target", "17")
                : List.of("--release", "17");
    }

    private static String fileOf(javax.tools.Diagnostic<? extends JavaFileObject> d, Path sourceRoot) {
        if (d.getSource() == null) {
            return ".";
        }
        Path file = Path.of(d.getSource().toUri());
        Path root = sourceRoot.toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.getFileName().toString();
    }
}
