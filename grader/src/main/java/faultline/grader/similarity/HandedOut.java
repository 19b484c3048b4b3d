package faultline.grader.similarity;

import faultline.framework.LabPackages;
import faultline.skeleton.SkeletonTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every student of a lab was given: the skeleton's files with solution regions (the base code, whose matches
 * are no evidence) and the course's provided files (no solution region: every submission is graded with the
 * course's copy, so they are left out of the comparison). Both come from the reference sources by the skeleton
 * tool's own rules, so they are exactly what the handout carries. Paths are relative to the source root
 * ({@code faultline/labs/<package>/...}).
 */
public record HandedOut(String lab, SortedMap<String, String> skeleton, SortedSet<String> provided) {

    public HandedOut {
        skeleton = Collections.unmodifiableSortedMap(new TreeMap<>(skeleton));
        provided = Collections.unmodifiableSortedSet(new TreeSet<>(provided));
    }

    /** The reference sources in a built checkout or distribution at {@code home}. */
    public static Path referenceIn(Path home) {
        return home.resolve("reference-impl/src/main/java");
    }

    /** What {@code lab}'s students were handed, from the reference sources at {@code referenceRoot}; empty if absent. */
    public static Optional<HandedOut> of(Path referenceRoot, String lab) {
        List<String> folders = LabPackages.of(lab).stream().map(p -> "faultline/labs/" + p + "/").toList();
        if (folders.stream().anyMatch(f -> !Files.isDirectory(referenceRoot.resolve(f)))) {
            return Optional.empty();
        }
        SortedSet<String> provided = new TreeSet<>();
        for (Path file : SkeletonTree.provided(referenceRoot).keySet()) {
            String path = slashes(file);
            if (folders.stream().anyMatch(path::startsWith)) {
                provided.add(path);
            }
        }
        SortedMap<String, String> skeleton = new TreeMap<>();
        for (Map.Entry<Path, String> file : SkeletonTree.generate(referenceRoot).entrySet()) {
            String path = slashes(file.getKey());
            if (folders.stream().anyMatch(path::startsWith) && !provided.contains(path)) {
                skeleton.put(path, file.getValue());
            }
        }
        return Optional.of(new HandedOut(lab, skeleton, provided));
    }

    /**
     * Whether a file of a submission is one of the course's provided files. A submission stores paths from the
     * source root; an earlier solution may keep its build layout ({@code src/main/java/faultline/labs/...}), so the
     * path is compared from its {@code faultline/labs/} on.
     */
    public boolean isProvided(String path) {
        return provided.contains(fromSourceRoot(path));
    }

    static String fromSourceRoot(String path) {
        String p = path.replace('\\', '/');
        int at = p.indexOf("faultline/labs/");
        return at < 0 ? p : p.substring(at);
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }
}
