package faultline.runner.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds a lab's suite classes: the top-level classes of package {@code faultline.suites.<lab>} in the suites jar or folder. */
final class SuiteClasses {

    private SuiteClasses() {
    }

    static List<String> find(Path suites, String lab) throws IOException {
        String prefix = "faultline/suites/" + lab + "/";
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
        return entries.stream()
                .filter(n -> n.startsWith(prefix) && n.endsWith(".class") && n.indexOf('/', prefix.length()) < 0
                        && !n.contains("$") && !n.endsWith("package-info.class"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                .sorted()
                .toList();
    }
}
