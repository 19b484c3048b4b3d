package faultline.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.course.CourseFile;
import faultline.grader.queue.MutableClock;
import faultline.grader.store.CourseCopies;
import faultline.grader.store.Role;
import faultline.grader.submission.SubmissionRejectedException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intake beside the course's own files of a lab, as the suites jar carries them: a folder where a course file goes is
 * refused with a sentence (it would otherwise fail every grading as the platform's fault, never charged), and a
 * submission's changed course files and its own copies of the graded public tests are kept with it, to be told.
 */
class CourseFilesAtIntakeTest {

    private static final String MESSAGES = "package faultline.labs.pingpong;\n\n/** The course's messages. */\n"
            + "public final class Messages {\n}\n";

    @TempDir
    Path dir;
    private Grader grader;

    @BeforeEach
    void open() throws IOException {
        Path suites = Files.createDirectories(dir.resolve("suites"));
        write(suites.resolve("faultline/suites/pingpong/PingPongSuite.class"), "suite");
        write(suites.resolve("faultline/labs/pingpong/PingPongTest.class"), "public test");
        write(suites.resolve("provided/faultline/labs/pingpong/Messages.java"), MESSAGES);
        write(suites.resolve("provided/faultline/labs/pingpong/Timers.java"), "package faultline.labs.pingpong;\n");
        grader = grader(SuiteCatalog.inJar(jar(suites)));
    }

    private Grader grader(SuiteCatalog suites) {
        var pingpong = CourseFile.defaultCourse().lab("pingpong").orElseThrow();
        Grader opened = new Grader(new DataFolder(dir.resolve("data")), CourseFile.defaultCourse(),
                new MutableClock(pingpong.release().plus(Duration.ofDays(1))), suites);
        opened.users().add("alice", "Alice", "", Role.STUDENT, Optional.empty(), "test");
        return opened;
    }

    @AfterEach
    void close() {
        grader.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Messages", "Messages.java"})
    void aFolderWhereACourseFileGoesIsRefusedAtIntakeWithASentence(String folder) throws IOException {
        Path submission = submission(Map.of(
                "faultline/labs/pingpong/Client.java", "package faultline.labs.pingpong;\nclass Client {}\n",
                "faultline/labs/pingpong/" + folder + "/Helper.java",
                "package faultline.labs.pingpong." + folder + ";\npublic class Helper {}\n"));
        SubmissionRejectedException refused = assertThrows(SubmissionRejectedException.class,
                () -> grader.intake().submit("alice", "pingpong", submission, Intake.Rules.STUDENT));
        assertEquals("faultline/labs/pingpong/" + folder + "/Helper.java is in the folder faultline/labs/pingpong/"
                + folder + "/, package faultline.labs.pingpong." + folder + ", which clashes with the course's own "
                + "Messages.java (class faultline.labs.pingpong.Messages), always graded from the course's copy. "
                + "Rename that package, for example to faultline.labs.pingpong.messages, and submit again.",
                refused.getMessage());
        assertTrue(grader.records().users().stream().allMatch(u -> grader.records().submissions(u.id(), "pingpong")
                .isEmpty()), "nothing was stored or queued");
        assertEquals(0, grader.queue().pending());
    }

    @Test
    void aSubmissionKeepsWhichCourseFilesGradingReplacesAndWhichOfItsFilesItLeavesOut() throws Exception {
        Path submission = submission(Map.of(
                "faultline/labs/pingpong/Client.java", "package faultline.labs.pingpong;\nclass Client {}\n",
                // Changed: the course's copy replaces it. Timers.java is left out of the archive: nothing to say.
                "faultline/labs/pingpong/Messages.java", MESSAGES.replace("}", "    static int mine() { return 1; }\n}"),
                "faultline/labs/pingpong/PingPongTest.java", "package faultline.labs.pingpong;\nclass PingPongTest {}\n",
                // Another file declaring a top-level class of a public test's name is left out as well.
                "faultline/labs/pingpong/Extras.java", "package faultline.labs.pingpong;\nclass Extras {}\n"
                        + "class PingPongTest {}\n",
                // A nested class of that name stays: only top-level classes are taken out.
                "faultline/labs/pingpong/Nested.java", "package faultline.labs.pingpong;\nclass Nested {\n"
                        + "    static class PingPongTest {}\n}\n"));
        long id = grader.intake().submit("alice", "pingpong", submission, Intake.Rules.STUDENT).submissionId();
        CourseCopies copies = grader.records().courseCopies(id);
        assertEquals(List.of("faultline/labs/pingpong/Messages.java"), copies.replaced());
        assertEquals(List.of("faultline/labs/pingpong/Extras.java", "faultline/labs/pingpong/PingPongTest.java"),
                copies.leftOut());
        assertEquals(List.of("Your changed copy of faultline/labs/pingpong/Messages.java was replaced by the course's: "
                        + "it is a course file, always graded as the course wrote it. Keep your changes in your own "
                        + "files; code that uses something only your copy had does not compile.",
                "Your faultline/labs/pingpong/Extras.java and faultline/labs/pingpong/PingPongTest.java were left out: "
                        + "they are named like the course's graded public tests, and the course's own copies were "
                        + "graded instead. Give your classes other names if they are not those tests."),
                copies.sentences());

        // A class folder of the suites (a course's own build) says the same as the jar.
        SuiteCatalog folder = SuiteCatalog.inJar(dir.resolve("suites"));
        assertEquals(List.of("faultline/labs/pingpong/Messages.java", "faultline/labs/pingpong/Timers.java"),
                List.copyOf(folder.courseFiles("pingpong").keySet()));
        assertEquals(List.of("faultline.labs.pingpong.PingPongTest"), folder.gradedPublicTests("pingpong"));

        // An unchanged copy of a course file and no test copies: nothing to tell.
        long plain = grader.intake().submit("alice", "pingpong", submission(Map.of(
                "faultline/labs/pingpong/Client.java", "package faultline.labs.pingpong;\nclass Client {}\n",
                "faultline/labs/pingpong/Messages.java", MESSAGES)), Intake.Rules.STAFF).submissionId();
        assertEquals(CourseCopies.NONE, grader.records().courseCopies(plain));
    }

    private Path submission(Map<String, String> files) throws IOException {
        Path root = Files.createTempDirectory(dir, "submission");
        for (Map.Entry<String, String> file : files.entrySet()) {
            write(root.resolve(file.getKey()), file.getValue());
        }
        return root;
    }

    /** The suites folder as a jar, as the distribution ships it. */
    private Path jar(Path folder) throws IOException {
        Path jar = dir.resolve("suites.jar");
        Map<String, Path> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).forEach(p -> entries.put(folder.relativize(p).toString(), p));
        }
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, Path> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(Files.readAllBytes(e.getValue()));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
