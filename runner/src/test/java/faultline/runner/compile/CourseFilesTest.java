package faultline.runner.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseFilesTest {

    static final Path LAB = Path.of("faultline", "labs", "mapreduce");

    static Path write(Path root, Path relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void courseCopiesReplaceChangedAndMissingFilesButNotTheStudentsOwn(@TempDir Path temp) throws IOException {
        Path suites = temp.resolve("suites");
        write(suites, Path.of("provided").resolve(LAB).resolve("Storage.java"), "class Storage { /* course */ }");
        write(suites, Path.of("provided").resolve(LAB).resolve("WordCount.java"), "class WordCount { }");
        write(suites, Path.of("provided").resolve(LAB).resolve("Job.java"), "class Job { }");
        Path student = temp.resolve("student");
        write(student, LAB.resolve("Storage.java"), "class Storage { /* weakened */ }");
        write(student, LAB.resolve("Job.java"), "class Job { }");
        write(student, LAB.resolve("Coordinator.java"), "class Coordinator { /* mine */ }");

        Path merged = temp.resolve("merged");
        List<CourseFiles.Restored> restored = CourseFiles.assemble(student, suites, "mapreduce", merged);

        assertEquals(List.of(new CourseFiles.Restored(LAB.resolve("Storage.java"), true),
                new CourseFiles.Restored(LAB.resolve("WordCount.java"), false)), restored);
        assertEquals("class Storage { /* course */ }", Files.readString(merged.resolve(LAB).resolve("Storage.java")));
        assertEquals("class WordCount { }", Files.readString(merged.resolve(LAB).resolve("WordCount.java")));
        assertEquals("class Coordinator { /* mine */ }",
                Files.readString(merged.resolve(LAB).resolve("Coordinator.java")));
        assertEquals("class Storage { /* weakened */ }", Files.readString(student.resolve(LAB).resolve("Storage.java")),
                "the student's stored sources are never changed");
        String told = CourseFiles.explain(restored).orElseThrow();
        assertTrue(told.contains("Storage.java is provided by the course: your changed copy was replaced"), told);
        assertTrue(told.contains("WordCount.java is provided by the course and was missing"), told);
    }

    @Test
    void readsProvidedFilesFromTheSuitesJar(@TempDir Path temp) throws IOException {
        Path jar = temp.resolve("suites.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("provided/faultline/labs/mapreduce/Storage.java"));
            out.write("class Storage { }".getBytes());
            out.closeEntry();
        }
        Path student = temp.resolve("student");
        write(student, LAB.resolve("Worker.java"), "class Worker { }");
        List<CourseFiles.Restored> restored = CourseFiles.assemble(student, jar, "mapreduce", temp.resolve("merged"));
        assertEquals(List.of(new CourseFiles.Restored(LAB.resolve("Storage.java"), false)), restored);
    }

    @Test
    void otherLabsProvidedFilesStayOut(@TempDir Path temp) throws IOException {
        Path suites = temp.resolve("suites");
        write(suites, Path.of("provided", "faultline", "labs", "pbkv", "View.java"), "record View() { }");
        Path student = temp.resolve("student");
        write(student, LAB.resolve("Worker.java"), "class Worker { }");
        assertTrue(CourseFiles.assemble(student, suites, "mapreduce", temp.resolve("merged")).isEmpty());
        assertTrue(Files.notExists(temp.resolve("merged").resolve("faultline/labs/pbkv")));
    }

    @Test
    void aLabOfSeveralPackagesGetsTheProvidedFilesOfEach(@TempDir Path temp) throws IOException {
        Path suites = temp.resolve("suites");
        write(suites, Path.of("provided", "faultline", "labs", "kv", "KVStore.java"), "class KVStore { }");
        write(suites, Path.of("provided", "faultline", "labs", "paxos", "Status.java"), "record Status() { }");
        write(suites, Path.of("provided", "faultline", "labs", "pbkv", "View.java"), "record View() { }");
        Path student = temp.resolve("student");
        Path paxos = Path.of("faultline", "labs", "paxos");
        write(student, paxos.resolve("Status.java"), "record Status(int changed) { }");
        List<CourseFiles.Restored> restored = CourseFiles.assemble(student, suites, "paxoskv", temp.resolve("merged"));
        assertEquals(List.of(new CourseFiles.Restored(paxos.resolve("Status.java"), true),
                new CourseFiles.Restored(Path.of("faultline", "labs", "kv", "KVStore.java"), false)), restored);
        assertTrue(Files.notExists(temp.resolve("merged").resolve("faultline/labs/pbkv")));
    }
}
