package faultline.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab's suite digest is over its class files' names and bytes: the same classes give the same digest in a jar
 * built at another time or in a class folder, a changed test class changes it (also when the jar is replaced under a
 * running worker), and another lab's classes do not enter it.
 */
class SuitesJarTest {

    @TempDir
    Path dir;

    @Test
    void theDigestFollowsTheLabsClassesAndNothingElse() throws IOException {
        Path jar = dir.resolve("suites.jar");
        write(jar, Map.of("faultline/suites/pbkv/A.class", "a1", "faultline/suites/pbkv/B.class", "b1",
                "faultline/suites/pingpong/P.class", "p1"), 1_000);
        SuiteCatalog suites = SuiteCatalog.inJar(jar);
        String first = suites.digest("pbkv").orElseThrow();
        assertEquals(64, first.length(), "SHA-256 in hex");
        assertTrue(suites.hasSuite("pbkv"));
        assertEquals(Optional.empty(), suites.digest("shardkv"), "no suite, no digest");

        // Rebuilt at another time, another lab changed: pbkv's digest stays.
        Path rebuilt = dir.resolve("rebuilt.jar");
        write(rebuilt, Map.of("faultline/suites/pbkv/B.class", "b1", "faultline/suites/pbkv/A.class", "a1",
                "faultline/suites/pingpong/P.class", "p2"), 9_000_000);
        assertEquals(first, SuiteCatalog.inJar(rebuilt).digest("pbkv").orElseThrow());
        assertNotEquals(suites.digest("pingpong"), SuiteCatalog.inJar(rebuilt).digest("pingpong"));

        // The same classes in a class folder.
        Path folder = Files.createDirectories(dir.resolve("classes/faultline/suites/pbkv"));
        Files.writeString(folder.resolve("A.class"), "a1");
        Files.writeString(folder.resolve("B.class"), "b1");
        assertEquals(first, SuiteCatalog.inJar(dir.resolve("classes")).digest("pbkv").orElseThrow());

        // A graded public test of the lab's package changed: the digest changes; one of another lab's does not.
        Path publicChanged = dir.resolve("public.jar");
        write(publicChanged, Map.of("faultline/suites/pbkv/A.class", "a1", "faultline/suites/pbkv/B.class", "b1",
                "faultline/labs/pbkv/PrimaryBackupTest.class", "t1"), 1_000);
        Path publicChangedAgain = dir.resolve("public-again.jar");
        write(publicChangedAgain, Map.of("faultline/suites/pbkv/A.class", "a1", "faultline/suites/pbkv/B.class", "b1",
                "faultline/labs/pbkv/PrimaryBackupTest.class", "t2", "faultline/labs/pingpong/PingPongTest.class", "x"),
                1_000);
        String withPublic = SuiteCatalog.inJar(publicChanged).digest("pbkv").orElseThrow();
        assertNotEquals(first, withPublic);
        assertNotEquals(withPublic, SuiteCatalog.inJar(publicChangedAgain).digest("pbkv").orElseThrow());
        Path otherLabsPublic = dir.resolve("other-public.jar");
        write(otherLabsPublic, Map.of("faultline/suites/pbkv/A.class", "a1", "faultline/suites/pbkv/B.class", "b1",
                "faultline/labs/pingpong/PingPongTest.class", "x"), 1_000);
        assertEquals(first, SuiteCatalog.inJar(otherLabsPublic).digest("pbkv").orElseThrow());

        // The jar replaced under the same catalog (a redeploy): the next ask sees the new digest.
        write(jar, Map.of("faultline/suites/pbkv/A.class", "a2", "faultline/suites/pbkv/B.class", "b1"), 2_000);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(5_000_000));
        assertNotEquals(first, suites.digest("pbkv").orElseThrow());
    }

    private static void write(Path jar, Map<String, String> entries, long time) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(time);
                zip.putNextEntry(entry);
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}
