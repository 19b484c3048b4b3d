package faultline.runner;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** The throwaway "echo" lab and its suite under src/test/resources/runner, compiled for the tests. */
final class Fixtures {

    private Fixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/runner/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path lab(String variant) {
        return resource("labs/" + variant);
    }

    /** The framework as the test's class path has it (a jar from the repository, or framework/target/classes). */
    static Path framework() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("faultline-framework") || entry.replace('\\', '/').endsWith("framework/target/classes")) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException("The framework is not on the test class path.");
    }

    /** Compiles the hidden suite fixture against the test class path, as test-suites is compiled for real. */
    static Path compileSuite(Path into) throws IOException {
        return compileSuite(into, List.of("suite"));
    }

    /** The suite fixture with the echo lab's public test (as a handout has it) compiled in beside it. */
    static Path compileSuiteWithPublicTest(Path into) throws IOException {
        return compileSuite(into, List.of("suite", "public"));
    }

    private static Path compileSuite(Path into, List<String> folders) throws IOException {
        List<String> files = new ArrayList<>();
        for (String folder : folders) {
            try (Stream<Path> walk = Files.walk(resource(folder))) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
            }
        }
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", into.toString(),
                "-classpath", System.getProperty("java.class.path") + File.pathSeparator + lab("good")));
        // The suite needs the lab's public API to compile; the lab's classes are not kept with it.
        args.add("-implicit:none");
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("The suite fixture does not compile.");
        }
        return into;
    }
}
