package faultline.web.demo;

import faultline.framework.LabPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Sample submissions for a lab from this checkout: the reference solution, the student skeleton, and a buggy
 * one (the reference with a real bug students make planted in it, or, for a lab without one here, with the most
 * solved file of the lab's own package swapped for the skeleton's version), each as a folder holding every
 * package of the lab.
 */
public final class SampleSubmissions {

    /** A named sample and the folder holding its {@code faultline/labs/<lab>} sources. */
    public record Sample(String kind, Path folder) {
    }

    /** A bug planted by replacing {@code original}, which occurs once in the lab's {@code file}, with {@code planted}. */
    private record PlantedBug(String what, String file, String original, String planted) {
    }

    /**
     * For each lab, a real bug students make, taken from the hidden suites' planted-bug lists: the buggy sample
     * passes most tests and fails the ones that catch it, as a student's would.
     */
    private static final Map<String, PlantedBug> PLANTED = Map.of(
            "pingpong", new PlantedBug("a stale answer is taken for the current one",
                    "faultline/labs/pingpong/PingClient.java",
                    "if (current != null && result == null && pong.sequence() == sequence) {",
                    "if (current != null && result == null) { // planted bug: any answer will do"),
            "mapreduce", new PlantedBug("an empty output gets no file",
                    "faultline/labs/mapreduce/Worker.java",
                    "            List<String> lines = output.getValue();\n",
                    "            List<String> lines = output.getValue();\n"
                            + "            if (lines.isEmpty()) {\n"
                            + "                continue; // planted bug: an empty output gets no file\n"
                            + "            }\n"),
            "pbkv", new PlantedBug("a server is declared dead after one missed ping",
                    "faultline/labs/pbkv/ViewService.java",
                    "return last != null && now() - last < DEAD_PINGS * PING_INTERVAL_MILLIS;",
                    "return last != null && now() - last < 2 * PING_INTERVAL_MILLIS; // planted bug"),
            "paxoskv", new PlantedBug("the proposer ignores the values acceptors already accepted",
                    "faultline/labs/paxos/Paxos.java",
                    "        if (promise.acceptedNumber() > state.bestNumber) {\n"
                            + "            state.bestNumber = promise.acceptedNumber();\n"
                            + "            state.bestValue = promise.acceptedValue();\n"
                            + "        }\n",
                    "        // planted bug: the values acceptors report are ignored\n"),
            "shardkv", new PlantedBug("the at-most-once table stays behind when a shard moves",
                    "faultline/labs/shardkv/ShardServer.java", "            shard.applied.putAll(copy.applied());",
                    "            // planted bug: the shard's at-most-once table stays behind"));

    private SampleSubmissions() {
    }

    public static List<Sample> of(Path home, String lab, Path scratch) throws IOException {
        Path reference = home.resolve("reference-impl/src/main/java");
        Path skeleton = home.resolve("student-skeleton/src/main/java");
        List<Path> labPaths = LabPackages.of(lab).stream().map(name -> Path.of("faultline", "labs", name)).toList();
        for (Path labPath : labPaths) {
            if (!Files.isDirectory(reference.resolve(labPath)) || !Files.isDirectory(skeleton.resolve(labPath))) {
                return List.of();
            }
        }
        // Each sample holds only this lab's packages, as a student's archive would.
        Path buggy = scratch.resolve("buggy-" + lab);
        Path ref = scratch.resolve("reference-" + lab);
        Path skel = scratch.resolve("skeleton-" + lab);
        for (Path labPath : labPaths) {
            copy(reference.resolve(labPath), buggy.resolve(labPath));
            copy(reference.resolve(labPath), ref.resolve(labPath));
            copy(skeleton.resolve(labPath), skel.resolve(labPath));
        }
        PlantedBug bug = PLANTED.get(lab);
        if (bug != null) {
            Path file = buggy.resolve(bug.file());
            String text = Files.readString(file);
            if (text.indexOf(bug.original()) < 0 || text.indexOf(bug.original()) != text.lastIndexOf(bug.original())) {
                throw new IllegalStateException("The demo's planted bug for " + lab + " (" + bug.what() + ") no longer"
                        + " matches " + bug.file() + " exactly once; update it to the current reference.");
            }
            Files.writeString(file, text.replace(bug.original(), bug.planted()));
            return List.of(new Sample("reference", ref), new Sample("skeleton", skel),
                    new Sample("buggy (" + bug.what() + ")", buggy));
        }
        Path ownPackage = labPaths.get(labPaths.size() - 1);
        Optional<Path> mostSolved = mostSolved(reference.resolve(ownPackage));
        if (mostSolved.isPresent()) {
            Path relative = reference.resolve(ownPackage).relativize(mostSolved.get());
            Path fromSkeleton = skeleton.resolve(ownPackage).resolve(relative);
            if (Files.isRegularFile(fromSkeleton)) {
                Files.copy(fromSkeleton, buggy.resolve(ownPackage).resolve(relative),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return List.of(new Sample("reference", ref), new Sample("skeleton", skel), new Sample("buggy", buggy));
    }

    private static Optional<Path> mostSolved(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .max(Comparator.comparingLong(SampleSubmissions::markers));
        }
    }

    private static long markers(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.contains("SOLUTION BEGIN")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
