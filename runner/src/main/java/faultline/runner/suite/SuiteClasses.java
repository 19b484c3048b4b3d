package faultline.runner.suite;

import faultline.framework.LabPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds a lab's graded classes in the suites jar or folder: the top-level classes of package
 * {@code faultline.suites.<lab>} (the hidden suite), and the handout's public test classes of each of the lab's
 * packages ({@code faultline.labs.<package>.*Test}, compiled from the very files students have), which are
 * graded too.
 */
public final class SuiteClasses {

    private SuiteClasses() {
    }

    /** The hidden suite's classes of {@code lab}, then its public test classes, each group sorted. */
    public static List<String> find(Path suites, String lab) throws IOException {
        List<String> entries = entries(suites);
        List<String> found = new ArrayList<>(topLevel(entries, "faultline/suites/" + lab + "/", ""));
        found.addAll(publicTests(entries, lab));
        return List.copyOf(found);
    }

    /** The handout's public test classes of {@code lab} that the suites carry, e.g. {@code faultline.labs.pingpong.PingPongTest}. */
    public static List<String> publicTests(Path suites, String lab) throws IOException {
        return publicTests(entries(suites), lab);
    }

    private static List<String> publicTests(List<String> entries, String lab) {
        List<String> found = new ArrayList<>();
        for (String labPackage : LabPackages.of(lab)) {
            found.addAll(topLevel(entries, "faultline/labs/" + labPackage + "/", "Test"));
        }
        return found;
    }

    private static List<String> entries(Path suites) throws IOException {
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(suites)) {
            try (Stream<Path> walk = Files.walk(suites)) {
                walk.map(p -> suites.relativize(p).toString().replace('\\', '/')).forEach(entries::add);
            }
        } else {
            try (JarFile jar = new JarFile(suites.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    entries.add(e.nextElement().getName());
                }
            }
        }
        return entries;
    }

    private static List<String> topLevel(List<String> entries, String prefix, String suffix) {
        return entries.stream()
                .filter(n -> n.startsWith(prefix) && n.endsWith(suffix + ".class") && n.indexOf('/', prefix.length()) < 0
                        && !n.contains("$") && !n.endsWith("package-info.class"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                .sorted()
                .toList();
    }
}
