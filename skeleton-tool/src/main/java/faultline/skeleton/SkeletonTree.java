package faultline.skeleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The skeleton of every lab under a reference source root ({@code faultline/labs/<lab>/...}), and how it
 * compares with a committed skeleton source root.
 */
public final class SkeletonTree {

    /** Where the labs live under a source root. */
    public static final Path LABS = Path.of("faultline", "labs");

    /** One way a committed skeleton file differs from what generation gives. */
    public record Drift(Path file, String what) {
        @Override
        public String toString() {
            return file + ": " + what;
        }
    }

    private SkeletonTree() {
    }

    /** Generated skeleton text per source file, keyed by path relative to the source root, in path order. */
    public static Map<Path, String> generate(Path referenceRoot) {
        Map<Path, String> skeleton = new TreeMap<>();
        for (Path file : javaFiles(referenceRoot)) {
            String relative = referenceRoot.relativize(file).toString().replace('\\', '/');
            skeleton.put(referenceRoot.relativize(file), Skeleton.cut(relative, read(file)));
        }
        return skeleton;
    }

    /**
     * The course-provided files of the labs: reference files with no SOLUTION region (a lab's storage,
     * its applications, its message records), keyed by path relative to the source root. Students get
     * them as they are, and the grader puts the course's copy back over whatever a submission holds, so
     * that a submission cannot weaken what the suite relies on.
     */
    public static Map<Path, String> provided(Path referenceRoot) {
        Map<Path, String> provided = new TreeMap<>();
        for (Path file : javaFiles(referenceRoot)) {
            String text = read(file);
            if (!Skeleton.hasRegions(text)) {
                provided.put(referenceRoot.relativize(file), text);
            }
        }
        return provided;
    }

    /** Writes {@link #provided} files under {@code target}, for the suites jar to carry. */
    public static int writeProvided(Path referenceRoot, Path target) {
        Map<Path, String> provided = provided(referenceRoot);
        for (Map.Entry<Path, String> file : provided.entrySet()) {
            Path out = target.resolve(file.getKey());
            try {
                Files.createDirectories(out.getParent());
                Files.writeString(out, file.getValue(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write " + out + ": " + e.getMessage(), e);
            }
        }
        return provided.size();
    }

    /**
     * Writes the skeleton of {@code referenceRoot} into {@code skeletonRoot}, removing lab files that the
     * reference no longer has. Nothing is written if any reference file breaks the marker rules.
     */
    public static List<Path> write(Path referenceRoot, Path skeletonRoot) {
        Map<Path, String> skeleton = generate(referenceRoot);
        List<Path> changed = new ArrayList<>();
        for (Map.Entry<Path, String> file : skeleton.entrySet()) {
            Path target = skeletonRoot.resolve(file.getKey());
            if (!Files.exists(target) || !read(target).equals(file.getValue())) {
                try {
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage(), e);
                }
                changed.add(file.getKey());
            }
        }
        for (Path stale : javaFiles(skeletonRoot)) {
            Path relative = skeletonRoot.relativize(stale);
            if (!skeleton.containsKey(relative)) {
                try {
                    Files.delete(stale);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not remove " + stale + ": " + e.getMessage(), e);
                }
                changed.add(relative);
            }
        }
        return changed;
    }

    /** Every difference between the committed skeleton and what generation gives, in path order. */
    public static List<Drift> drift(Path referenceRoot, Path skeletonRoot) {
        Map<Path, String> expected = generate(referenceRoot);
        TreeSet<Path> committed = new TreeSet<>();
        for (Path file : javaFiles(skeletonRoot)) {
            committed.add(skeletonRoot.relativize(file));
        }
        List<Drift> drift = new ArrayList<>();
        for (Map.Entry<Path, String> file : expected.entrySet()) {
            if (!committed.contains(file.getKey())) {
                drift.add(new Drift(file.getKey(), "missing: the reference has this file but the skeleton does not"));
                continue;
            }
            String actual = read(skeletonRoot.resolve(file.getKey()));
            firstDifference(file.getValue(), actual).ifPresent(line -> drift.add(new Drift(file.getKey(),
                    "differs from the generated skeleton from line " + line + " on")));
        }
        for (Path extra : committed) {
            if (!expected.containsKey(extra)) {
                drift.add(new Drift(extra, "extra: the reference has no such file any more"));
            }
        }
        return drift;
    }

    private static Optional<Integer> firstDifference(String expected, String actual) {
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        String[] want = expected.split("\n", -1);
        String[] got = actual.split("\n", -1);
        int line = 0;
        while (line < want.length && line < got.length && want[line].equals(got[line])) {
            line++;
        }
        return Optional.of(line + 1);
    }

    private static List<Path> javaFiles(Path root) {
        Path labs = root.resolve(LABS);
        if (!Files.isDirectory(labs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(labs)) {
            return files.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the sources under " + labs + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
