package faultline.runner.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.LabPackages;
import faultline.runner.report.Diagnostic;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the course itself writes stays legal: every lab's reference solution and skeleton, course files included,
 * pass the check with nothing to report (constants in static fields, enums, records, no class names asked of
 * objects).
 */
class LabCodePassesTheCheckTest {

    @TempDir
    Path classes;

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource({
            "reference-impl, pingpong", "reference-impl, mapreduce", "reference-impl, pbkv",
            "reference-impl, paxoskv", "reference-impl, shardkv",
            "student-skeleton, pingpong", "student-skeleton, mapreduce", "student-skeleton, pbkv",
            "student-skeleton, paxoskv", "student-skeleton, shardkv"})
    void hasNothingToReport(String module, String lab) throws IOException {
        Path compiled = moduleClasses(module);
        int copied = 0;
        for (String pkg : LabPackages.of(lab)) {
            Path from = compiled.resolve("faultline/labs/" + pkg);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    Path to = classes.resolve(compiled.relativize(file).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(file, to);
                    copied++;
                }
            }
        }
        assertTrue(copied > 3, "found the classes of " + lab + " in " + compiled);
        List<Diagnostic> found = new ApiCheck(new ApiAllowList(lab)).check(classes, List.of());
        assertEquals(List.of(), found, copied + " classes of " + lab + " in " + module);
    }

    /** The module's compiled classes as the test's class path has them (a folder in the reactor, or its jar). */
    private static Path moduleClasses(String module) throws IOException {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            if (e.endsWith(module + "/target/classes")) {
                return Path.of(entry);
            }
            if (e.contains("faultline-" + module) && e.endsWith(".jar")) {
                Path unpacked = Files.createTempDirectory("faultline-" + module);
                try (var zip = java.nio.file.FileSystems.newFileSystem(Path.of(entry))) {
                    Path root = zip.getPath("/");
                    try (Stream<Path> files = Files.walk(root)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            Path to = unpacked.resolve(root.relativize(f).toString());
                            Files.createDirectories(to.getParent());
                            Files.copy(f, to);
                        }
                    }
                }
                return unpacked;
            }
        }
        throw new IllegalStateException(module + " is not on the test class path");
    }
}
