package faultline.skeleton.handout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import faultline.framework.LabPackages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A handout works outside the repository, offline: unpacked in an empty folder, {@code mvn -o test}
 * compiles the skeleton and runs its public tests, which fail; with the reference sources in place of
 * the skeleton's, they pass. Maven runs against a local repository that holds the developer's cache
 * minus every dev.faultline artifact, so the framework can only come from the handout's own lib/.
 * One lab by default (about 35 s); {@code -Dfaultline.handout.labs=pingpong,mapreduce,pbkv} tries more,
 * and {@code bench/handouts.sh} tries every lab. {@code -Dfaultline.handout.mvn=false} skips it.
 */
class HandoutOfflineTest {

    private static final Pattern SUITE_COUNTS =
            Pattern.compile("tests=\"(\\d+)\" errors=\"(\\d+)\" skipped=\"(\\d+)\" failures=\"(\\d+)\"");

    static List<String> labs() {
        return List.of(System.getProperty("faultline.handout.labs", "pingpong").split(","));
    }

    @ParameterizedTest
    @MethodSource("labs")
    void publicTestsFailOnSkeletonAndPassOnReference(String lab, @TempDir Path temp) throws Exception {
        assumeTrue(!"false".equals(System.getProperty("faultline.handout.mvn")),
                "faultline.handout.mvn=false: not running Maven on the handout");
        assumeTrue(mavenAnswers(), "no mvn on the PATH: cannot try the handout with Maven");
        Path repository = Path.of(System.getProperty("faultline.repository", "..")).toAbsolutePath().normalize();
        Path zip = temp.resolve(lab + ".zip");
        Handout.build(lab, zip, repository.resolve("student-skeleton"));
        Path project = unzip(zip, temp.resolve("unpacked")).resolve("faultline-" + lab);
        assertTrue(Files.isDirectory(project.resolve("src/test/java")), "the " + lab + " handout has no public tests");
        Path localRepo = cacheWithoutFaultline(temp.resolve("m2"));
        try {
            tryHandout(lab, repository, project, localRepo);
        } finally {
            unlinkGroups(localRepo);
        }
    }

    private static void tryHandout(String lab, Path repository, Path project, Path localRepo) throws Exception {
        Maven skeleton = mvnTest(project, localRepo);
        int[] skeletonCounts = surefireCounts(project, skeleton);
        assertNotEquals(0, skeleton.exit(), "the public tests passed on the unsolved skeleton:\n" + skeleton.log());
        assertTrue(skeletonCounts[1] > 0, "no public test failed on the skeleton:\n" + skeleton.log());
        long streamFrames = skeleton.log().lines().filter(line -> line.contains("at java.util.stream.")).count();
        assertTrue(streamFrames <= skeletonCounts[1], "mvn test printed " + streamFrames + " java.util.stream frames for "
                + skeletonCounts[1] + " failures: a student reads the lab's frames, not the JDK's:\n" + skeleton.log());
        try (Stream<Path> charts = Files.list(project.resolve("target/faultline-traces"))) {
            List<String> written = charts.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html")).toList();
            for (String labPackage : LabPackages.of(lab)) {
                Path tests = project.resolve("src/test/java/faultline/labs").resolve(labPackage);
                if (!Files.isDirectory(tests)) {
                    continue;
                }
                try (Stream<Path> classes = Files.list(tests)) {
                    for (Path test : classes.filter(p -> p.toString().endsWith("Test.java")).toList()) {
                        String name = test.getFileName().toString().replace(".java", "");
                        assertTrue(written.stream().anyMatch(n -> n.startsWith(name + ".")),
                                "a failing " + name + " wrote no chart; charts: " + written);
                    }
                }
            }
        }

        for (String labPackage : LabPackages.of(lab)) {
            Path labSources = project.resolve("src/main/java/faultline/labs").resolve(labPackage);
            deleteTree(labSources);
            copyTree(repository.resolve("reference-impl/src/main/java/faultline/labs").resolve(labPackage), labSources);
        }
        deleteTree(project.resolve("target"));
        Maven reference = mvnTest(project, localRepo);
        int[] referenceCounts = surefireCounts(project, reference);
        assertEquals(0, reference.exit(), "the public tests failed on the reference solution:\n" + reference.log());
        assertEquals(skeletonCounts[0], referenceCounts[0], "the reference ran another number of public tests");
        assertEquals(0, referenceCounts[1]);

        String origin = Files.readString(localRepo.resolve(
                "dev/faultline/faultline-framework/" + versionOf(project) + "/_remote.repositories"));
        assertTrue(origin.contains(">faultline-handout="), "the framework was not resolved from the handout's lib/: "
                + origin);
    }

    record Maven(int exit, String log) {
    }

    private static boolean mavenAnswers() {
        try {
            Process mvn = new ProcessBuilder("mvn", "-v").redirectErrorStream(true).start();
            mvn.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return mvn.waitFor(60, TimeUnit.SECONDS) && mvn.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Maven mvnTest(Path project, Path localRepo) throws IOException, InterruptedException {
        Path log = project.resolveSibling("mvn-" + System.nanoTime() + ".log");
        Process mvn = new ProcessBuilder("mvn", "-o", "-B", "-Dmaven.repo.local=" + localRepo, "test")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!mvn.waitFor(5, TimeUnit.MINUTES)) {
            mvn.destroyForcibly();
            throw new AssertionError("mvn test on the handout did not finish in 5 minutes:\n" + Files.readString(log));
        }
        return new Maven(mvn.exitValue(), Files.readString(log));
    }

    /** Tests run and tests failed (failures plus errors), summed over the surefire reports. */
    private static int[] surefireCounts(Path project, Maven run) throws IOException {
        Path reports = project.resolve("target/surefire-reports");
        assertTrue(Files.isDirectory(reports), "surefire wrote no reports: did the handout compile?\n" + run.log());
        int tests = 0;
        int failed = 0;
        try (Stream<Path> files = Files.list(reports)) {
            for (Path report : files.filter(f -> f.getFileName().toString().startsWith("TEST-")).toList()) {
                Matcher counts = SUITE_COUNTS.matcher(Files.readString(report));
                assertTrue(counts.find(), "unreadable surefire report " + report);
                tests += Integer.parseInt(counts.group(1));
                failed += Integer.parseInt(counts.group(2)) + Integer.parseInt(counts.group(4));
            }
        }
        assertTrue(tests > 0, "surefire ran no public test:\n" + run.log());
        return new int[] {tests, failed};
    }

    /**
     * A local repository that links every group of the developer's cache except dev/faultline, so nothing
     * is downloaded and the framework must come from the handout.
     */
    private static Path cacheWithoutFaultline(Path farm) throws IOException {
        Path cache = Path.of(System.getProperty("faultline.m2",
                System.getProperty("user.home") + "/.m2/repository"));
        Files.createDirectories(farm.resolve("dev"));
        try (Stream<Path> groups = Files.list(cache)) {
            for (Path group : groups.toList()) {
                if (!group.getFileName().toString().equals("dev")) {
                    Files.createSymbolicLink(farm.resolve(group.getFileName().toString()), group);
                }
            }
        }
        if (Files.isDirectory(cache.resolve("dev"))) {
            try (Stream<Path> groups = Files.list(cache.resolve("dev"))) {
                for (Path group : groups.toList()) {
                    if (!group.getFileName().toString().equals("faultline")) {
                        Files.createSymbolicLink(farm.resolve("dev").resolve(group.getFileName().toString()), group);
                    }
                }
            }
        }
        return farm;
    }

    /** Removes the farm's links (never what they point to) so the temp folder's cleanup has only files left. */
    private static void unlinkGroups(Path farm) throws IOException {
        for (Path folder : List.of(farm, farm.resolve("dev"))) {
            try (Stream<Path> entries = Files.list(folder)) {
                for (Path entry : entries.filter(Files::isSymbolicLink).toList()) {
                    Files.delete(entry);
                }
            }
        }
    }

    private static String versionOf(Path project) throws IOException {
        String pom = Files.readString(project.resolve("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>faultline-framework</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertTrue(version.find(), "the handout pom names no framework version");
        return version.group(1);
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                assertTrue(target.startsWith(into), "zip entry escapes the folder: " + entry.getName());
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
        return into;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
