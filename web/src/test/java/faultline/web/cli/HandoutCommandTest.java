package faultline.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.cli.CliContext;
import faultline.grader.grading.SuiteCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `faultline handout` writes the zip a student starts from, or says why it cannot. */
class HandoutCommandTest {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(),
                Clock.systemUTC(), null, SuiteCatalog.of(Set.of()), Optional.empty());
        return new CommandLine(new HandoutCommand(ctx)).execute(args);
    }

    @Test
    void writesTheLabsSkeletonPublicTestsFrameworkAndPom(@TempDir Path folder) throws IOException {
        Path zip = folder.resolve("lab0.zip");
        assertEquals(0, run("pingpong", zip.toString()), out.toString() + err);
        assertTrue(out.toString().contains("Wrote " + zip), out.toString());
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> names = Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
            assertTrue(names.contains("faultline-pingpong/pom.xml"), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.endsWith("faultline/labs/pingpong/PingClient.java")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.contains("src/test/java/") && n.endsWith("Test.java")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("faultline-pingpong/lib/") && n.endsWith(".jar")),
                    names.toString());
            assertTrue(names.stream().noneMatch(n -> n.contains("faultline/suites/")), "hidden suites never ship");
        }
    }

    @Test
    void anUnknownLabIsExplained(@TempDir Path folder) {
        assertEquals(2, run("nosuchlab", folder.resolve("x.zip").toString()));
        assertTrue(err.toString().contains("No handout for lab 'nosuchlab'"), err.toString());
    }
}
