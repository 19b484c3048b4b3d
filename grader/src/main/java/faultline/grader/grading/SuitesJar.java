package faultline.grader.grading;

import faultline.framework.LabPackages;
import faultline.runner.suite.SuiteClasses;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The hidden suites in a jar (or class folder) with packages {@code faultline.suites.<lab>}, and each lab's suite
 * digest, which covers the handout's public tests of the lab's packages too (they are graded). Workers ask for the digest before every lease, so it is computed once per state of the file (its size and
 * modification time) and cached; replacing the jar under a running worker is seen at its next lease.
 */
final class SuitesJar implements SuiteCatalog {

    private record Stamp(long size, long modified) {
    }

    private record Known(Stamp stamp, Optional<String> digest) {
    }

    private final Path suites;
    private final Map<String, Known> digests = new ConcurrentHashMap<>();

    SuitesJar(Path suites) {
        this.suites = suites;
    }

    @Override
    public boolean hasSuite(String lab) {
        String folder = folder(lab);
        if (Files.isDirectory(suites)) {
            return Files.isDirectory(suites.resolve(folder));
        }
        try (ZipFile jar = new ZipFile(suites.toFile())) {
            return jar.stream().anyMatch(e -> e.getName().startsWith(folder) && e.getName().endsWith(".class"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Optional<String> digest(String lab) {
        Optional<Stamp> stamp = stamp();
        if (stamp.isEmpty()) {
            return Optional.empty();
        }
        Known known = digests.get(lab);
        if (known != null && known.stamp().equals(stamp.get())) {
            return known.digest();
        }
        Optional<String> digest = compute(lab);
        digests.put(lab, new Known(stamp.get(), digest));
        return digest;
    }

    @Override
    public SortedMap<String, byte[]> courseFiles(String lab) {
        // The suites jar carries them under provided/ (the same files the runner restores).
        List<String> folders = LabPackages.of(lab).stream().map(p -> "provided/faultline/labs/" + p + "/").toList();
        SortedMap<String, byte[]> files = new TreeMap<>();
        try {
            if (Files.isDirectory(suites)) {
                for (String folder : folders) {
                    Path root = suites.resolve(folder);
                    if (Files.isDirectory(root)) {
                        try (Stream<Path> walk = Files.walk(root)) {
                            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                                files.put(suites.resolve("provided").relativize(file).toString().replace('\\', '/'),
                                        Files.readAllBytes(file));
                            }
                        }
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(suites.toFile())) {
                    for (ZipEntry entry : jar.stream().filter(e -> !e.isDirectory()
                            && folders.stream().anyMatch(e.getName()::startsWith)).toList()) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            files.put(entry.getName().substring("provided/".length()), in.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            return Collections.emptySortedMap();
        }
        return files;
    }

    @Override
    public List<String> gradedPublicTests(String lab) {
        try {
            return SuiteClasses.publicTests(suites, lab);
        } catch (IOException e) {
            return List.of();
        }
    }

    private Optional<Stamp> stamp() {
        try {
            if (Files.isDirectory(suites)) {
                // A class folder (tests, a course's own build): no single stamp, so every ask recomputes.
                return Optional.of(new Stamp(-1, System.nanoTime()));
            }
            return Optional.of(new Stamp(Files.size(suites), Files.getLastModifiedTime(suites).toMillis()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Over the classes of the lab's hidden suite and of the handout's public tests in the lab's packages (graded too),
     * each by name and bytes, in name order; empty when the lab has no suite.
     */
    private Optional<String> compute(String lab) {
        if (!hasSuite(lab)) {
            return Optional.empty();
        }
        List<String> folders = new ArrayList<>(List.of(folder(lab)));
        LabPackages.of(lab).forEach(labPackage -> folders.add("faultline/labs/" + labPackage + "/"));
        MessageDigest sha = sha256();
        int classes = 0;
        try {
            if (Files.isDirectory(suites)) {
                List<Path> files = new ArrayList<>();
                for (String folder : folders) {
                    Path root = suites.resolve(folder);
                    if (Files.isDirectory(root)) {
                        try (Stream<Path> walk = Files.walk(root)) {
                            walk.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
                        }
                    }
                }
                List<String> names = files.stream().map(p -> suites.relativize(p).toString().replace('\\', '/'))
                        .sorted().toList();
                for (String name : names) {
                    add(sha, name, Files.readAllBytes(suites.resolve(name)));
                    classes++;
                }
            } else {
                try (ZipFile jar = new ZipFile(suites.toFile())) {
                    List<? extends ZipEntry> entries = jar.stream().filter(e -> folders.stream()
                            .anyMatch(e.getName()::startsWith) && e.getName().endsWith(".class"))
                            .sorted(java.util.Comparator.comparing(ZipEntry::getName)).toList();
                    for (ZipEntry entry : entries) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            add(sha, entry.getName(), in.readAllBytes());
                        }
                        classes++;
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return classes == 0 ? Optional.empty() : Optional.of(HexFormat.of().formatHex(sha.digest()));
    }

    private static void add(MessageDigest sha, String name, byte[] content) {
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Long.toString(content.length).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(content);
    }

    private static String folder(String lab) {
        return "faultline/suites/" + lab + "/";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
