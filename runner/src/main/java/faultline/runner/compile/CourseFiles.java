package faultline.runner.compile;

import faultline.framework.LabPackages;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Puts the course-provided files of a lab (its storage, its applications: the lab files with nothing
 * for a student to write) back over whatever a submission holds. The suites jar carries them under
 * {@code provided/}; a submission that changed or left out one of them is graded with the course's
 * copy, so it cannot weaken what the hidden suite relies on. The student's sources are copied, never
 * modified in place.
 */
public final class CourseFiles {

    /** A file the course's copy replaced or added, relative to the source root. */
    public record Restored(Path file, boolean replacedStudentCopy) {
    }

    private CourseFiles() {
    }

    /**
     * Copies {@code studentSources} to {@code into}, then writes the course's provided files of
     * {@code lab} from {@code suites} (a jar or a folder) over them.
     */
    public static List<Restored> assemble(Path studentSources, Path suites, String lab, Path into) throws IOException {
        copyTree(studentSources, into);
        List<Restored> restored = new ArrayList<>();
        try (Provided provided = Provided.open(suites)) {
            List<Path> files = new ArrayList<>();
            for (String labPackage : LabPackages.of(lab)) {
                Path labFolder = provided.root().resolve("faultline").resolve("labs").resolve(labPackage);
                if (Files.isDirectory(labFolder)) {
                    try (Stream<Path> walk = Files.walk(labFolder)) {
                        files.addAll(walk.filter(Files::isRegularFile).sorted().toList());
                    }
                }
            }
            for (Path file : files) {
                Path relative = Path.of(provided.root().relativize(file).toString());
                Path target = into.resolve(relative);
                byte[] course = Files.readAllBytes(file);
                boolean existed = Files.exists(target);
                if (existed && java.util.Arrays.equals(course, Files.readAllBytes(target))) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.write(target, course);
                restored.add(new Restored(relative, existed));
            }
        }
        return restored;
    }

    /** What to tell the student about the files the course restored. */
    public static Optional<String> explain(List<Restored> restored) {
        if (restored.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (Restored file : restored) {
            text.append(file.file().getFileName()).append(file.replacedStudentCopy()
                    ? " is provided by the course: your changed copy was replaced by the course's.\n"
                    : " is provided by the course and was missing from the submission: the course's copy was added.\n");
        }
        return Optional.of(text.toString().stripTrailing());
    }

    /**
     * Deletes from the submission's compiled {@code classes} every class named like one of the course's graded
     * public tests ({@code gradedTests}, fully qualified) or nested in one: the submission comes first on the class
     * path, so a copy of its own would otherwise be graded in the course's place. Returns the tests whose copies
     * were removed, in order.
     */
    public static List<String> removeCopiesOfGradedTests(Path classes, List<String> gradedTests) throws IOException {
        List<String> removed = new ArrayList<>();
        for (String test : gradedTests) {
            Path folder = classes.resolve(test.substring(0, test.lastIndexOf('.')).replace('.', '/'));
            String simple = test.substring(test.lastIndexOf('.') + 1);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> copies;
            try (Stream<Path> files = Files.list(folder)) {
                copies = files.filter(p -> {
                    String name = p.getFileName().toString();
                    return name.equals(simple + ".class") || name.startsWith(simple + "$") && name.endsWith(".class");
                }).sorted().toList();
            }
            for (Path copy : copies) {
                Files.delete(copy);
            }
            if (!copies.isEmpty()) {
                removed.add(test);
            }
        }
        return removed;
    }

    /** What to tell the student about the graded tests whose copies in the submission were left out. */
    public static Optional<String> explainRemovedTests(List<String> removed) {
        if (removed.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (String test : removed) {
            text.append(test.substring(test.lastIndexOf('.') + 1)).append(" is one of the course's graded tests:"
                    + " the submission's own class of that name was left out and the course's was graded.\n");
        }
        return Optional.of(text.toString().stripTrailing());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The provided/ folder of the suites, in a jar or in a build folder. */
    private record Provided(Path root, Optional<FileSystem> jar) implements AutoCloseable {
        static Provided open(Path suites) throws IOException {
            if (Files.isDirectory(suites)) {
                return new Provided(suites.resolve("provided"), Optional.empty());
            }
            FileSystem jar = FileSystems.newFileSystem(suites);
            return new Provided(jar.getPath("provided"), Optional.of(jar));
        }

        @Override
        public void close() throws IOException {
            if (jar.isPresent()) {
                jar.get().close();
            }
        }
    }
}
