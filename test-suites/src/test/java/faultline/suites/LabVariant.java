package faultline.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.commons.support.AnnotationSupport.isAnnotated;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import faultline.framework.LabPackages;
import faultline.testkit.junit.SeededTestExtension;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.engine.DiscoverySelector;

/**
 * A variant of a lab (the committed student skeleton, or the reference with planted bugs) compiled from
 * source together with the lab's hidden suite into a work folder, and loaded child-first, so that the
 * variant shadows the reference for {@code faultline.labs.<lab>} and the suite links against the variant,
 * as it links against a student's code in the sandbox; the framework and JUnit stay shared with the parent.
 *
 * <p>The suite is compiled from its sources rather than taken from this module's build output, so that
 * nothing depends on classes another build may be rewriting meanwhile. Both compile against the test class
 * path minus the reference's classes, so that a class missing from the variant cannot come from the reference.
 */
public final class LabVariant implements AutoCloseable {

    /** One change to one lab source file: {@code original} must occur exactly once and becomes {@code planted}. */
    public record Patch(String file, String original, String planted) {
    }

    private final String lab;
    private final String description;
    private final Path classes;
    private final Path traces;
    private final VariantLoader loader;
    /** The handout's public test classes of the lab, compiled into the variant from student-skeleton. */
    private final List<String> publicTests;

    private LabVariant(String lab, String description, Path classes, Path traces, List<String> publicTests) {
        this.lab = lab;
        this.publicTests = List.copyOf(publicTests);
        this.description = description;
        this.classes = classes;
        this.traces = traces;
        this.loader = new VariantLoader(lab, classes, LabVariant.class.getClassLoader());
    }

    /** The committed student skeleton of {@code lab}, compiled with its suite in {@code work}. */
    public static LabVariant skeleton(String lab, Path work) throws IOException {
        Path copy = Files.createDirectories(work.resolve("lab"));
        for (String labPackage : labPackages(lab)) {
            Path sources = moduleSources("student-skeleton", labPackage);
            assertTrue(Files.isDirectory(sources), "no skeleton for " + lab + " at " + sources.toAbsolutePath()
                    + ": run student-skeleton/regenerate.sh (this test runs from the test-suites folder)");
            copyJava(sources, copy.resolve(packageFolder(labPackage)));
        }
        return compile(lab, "the " + lab + " skeleton", copy, work);
    }

    /**
     * The reference of {@code lab}, copied into {@code work} with {@code patches} applied in order, and
     * compiled with its suite; with no patches, it is the control built the same way as the planted bugs.
     * A patch names its file within the lab's own package ({@code PBServer.java}) or, for a lab of several
     * packages, by package folder ({@code paxos/Paxos.java}).
     */
    public static LabVariant reference(String lab, List<Patch> patches, Path work) throws IOException {
        Path copy = Files.createDirectories(work.resolve("lab"));
        for (String labPackage : labPackages(lab)) {
            copyJava(moduleSources("reference-impl", labPackage), copy.resolve(packageFolder(labPackage)));
        }
        for (Patch patch : patches) {
            Path file = copy.resolve(patch.file().contains("/") ? "faultline/labs/" + patch.file()
                    : packageFolder(labPackage(lab)) + "/" + patch.file());
            assertTrue(Files.isRegularFile(file), "the planted bug's patch names " + patch.file() + ", which the "
                    + lab + " reference does not have; update the patch to the current reference");
            String text = Files.readString(file);
            int first = text.indexOf(patch.original());
            assertTrue(first >= 0 && text.indexOf(patch.original(), first + 1) < 0, "the planted bug's patch must"
                    + " match exactly once in " + patch.file() + ", but it matched "
                    + (first < 0 ? "nowhere" : "more than once") + "; update the patch to the current reference:\n"
                    + patch.original());
            Files.writeString(file, text.replace(patch.original(), patch.planted()));
        }
        String description = patches.isEmpty() ? "the copied " + lab + " reference"
                : "the " + lab + " reference with a planted bug";
        return compile(lab, description, copy, work);
    }

    /**
     * Every test of every suite class of the lab, run against the variant on the seeds the system properties
     * ask for, with {@code properties} set for the run.
     */
    public List<SuiteRun.Outcome> runSuite(Map<String, String> properties) {
        return run(suiteClasses().stream().map(type -> (DiscoverySelector) selectClass(type)).toList(), properties);
    }

    /** The tests named {@code methods}, from whichever suite class of the lab has them, on the usual seeds. */
    public List<SuiteRun.Outcome> runTests(List<String> methods) {
        List<Class<?>> suites = suiteClasses();
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String name : methods) {
            List<Method> found = suites.stream().flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                    .filter(method -> method.getName().equals(name) && isAnnotated(method, Testable.class)).toList();
            assertEquals(1, found.size(), "expected one test called " + name + " in the " + lab + " suite, found "
                    + found + "; name a test the suite has, once");
            selectors.add(selectMethod(found.get(0).getDeclaringClass(), found.get(0)));
        }
        return run(selectors, Map.of());
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    private List<SuiteRun.Outcome> run(List<DiscoverySelector> selectors, Map<String, String> properties) {
        // Traces of the runs a variant fails go to its work folder, not among real failures' traces.
        Map<String, String> withTraces = new HashMap<>(properties);
        withTraces.put(SeededTestExtension.TRACE_DIR, traces.toString());
        return SuiteRun.launch(selectors, loader, withTraces);
    }

    /** The lab's hidden suite classes, then the handout's public test classes of its packages (graded too). */
    private List<Class<?>> suiteClasses() {
        List<String> names = new ArrayList<>(topLevelClasses(suitePackage(lab)));
        for (String labPackage : labPackages(lab)) {
            names.addAll(topLevelClasses(labPackage).stream().filter(publicTests::contains).toList());
        }
        return names.stream().filter(name -> !name.endsWith(".package-info")).<Class<?>>map(this::load).toList();
    }

    private static LabVariant compile(String lab, String description, Path labSources, Path work) throws IOException {
        Path suite = Files.createDirectories(work.resolve("suite"));
        copyJava(moduleSources("test-suites", suitePackage(lab)), suite);
        List<String> publicTests = new ArrayList<>();
        for (String labPackage : labPackages(lab)) {
            Path tests = moduleSources("student-skeleton", "test", labPackage);
            if (Files.isDirectory(tests)) {
                copyJava(tests, suite.resolve(packageFolder(labPackage)));
                try (Stream<Path> files = Files.list(tests)) {
                    files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith("Test.java"))
                            .sorted().forEach(file -> publicTests.add(labPackage + "."
                                    + file.substring(0, file.length() - ".java".length())));
                }
            }
        }
        Path classes = Files.createDirectories(work.resolve("classes")).toAbsolutePath();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue(javac != null, "no Java compiler in this JVM: run the tests on a JDK, not a JRE");
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn", "-parameters",
                "-implicit:none", "-d", classes.toString(), "-classpath", classPathWithoutReference(lab)));
        // Sources named here win over the suite's classes that are also on the class path.
        for (Path folder : List.of(labSources, suite)) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.map(Path::toString).filter(file -> file.endsWith(".java")).sorted().forEach(arguments::add);
            }
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, arguments.toArray(String[]::new));
        assertEquals(0, status, description + ", with its hidden suite, does not compile:\n"
                + errors.toString(StandardCharsets.UTF_8));
        LabVariant variant = new LabVariant(lab, description, classes, work.resolve("traces"), publicTests);
        variant.assertShadowsReference();
        return variant;
    }

    /** Every class of the lab and its suite must come from the variant, or the suite would test the reference. */
    private void assertShadowsReference() {
        List<String> names = new ArrayList<>();
        for (String labPackage : labPackages(lab)) {
            names.addAll(topLevelClasses(labPackage));
        }
        assertTrue(!names.isEmpty(), description + " compiled to no classes");
        names.addAll(topLevelClasses(suitePackage(lab)));
        for (String name : names) {
            assertEquals(classes, location(load(name)), name + " was not loaded from " + description
                    + ", so the suite would test the reference");
        }
    }

    private Class<?> load(String name) {
        try {
            return loader.loadClass(name);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionError("class " + name + " does not load against " + description + ": " + e, e);
        }
    }

    /** The top-level classes compiled into {@code javaPackage}, by name, in a stable order. */
    private List<String> topLevelClasses(String javaPackage) {
        Path folder = classes.resolve(javaPackage.replace('.', '/'));
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.map(file -> classes.relativize(file).toString())
                    .filter(file -> file.endsWith(".class") && !file.contains("$"))
                    .map(file -> file.substring(0, file.length() - ".class".length())
                            .replace(File.separatorChar, '.'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list the classes compiled into " + folder, e);
        }
    }

    private static String labPackage(String lab) {
        return "faultline.labs." + lab;
    }

    /** Every package the lab is made of (its own last), fully qualified. */
    private static List<String> labPackages(String lab) {
        return LabPackages.qualified(lab);
    }

    private static String packageFolder(String javaPackage) {
        return javaPackage.replace('.', '/');
    }

    private static String suitePackage(String lab) {
        return "faultline.suites." + lab;
    }

    /** A package's sources in a module of this repository, whether the build runs from the root or the module. */
    private static Path moduleSources(String module, String javaPackage) {
        return moduleSources(module, "main", javaPackage);
    }

    /** A package's sources in the {@code main} or {@code test} source folder of a module of this repository. */
    private static Path moduleSources(String module, String sourceSet, String javaPackage) {
        Path relative = Path.of("src", sourceSet, "java").resolve(javaPackage.replace('.', '/'));
        for (Path base : List.of(Path.of(".."), Path.of(""))) {
            Path sources = base.resolve(module).resolve(relative);
            if (Files.isDirectory(sources)) {
                return sources;
            }
        }
        return Path.of("..").resolve(module).resolve(relative);
    }

    private static void copyJava(Path from, Path to) throws IOException {
        assertTrue(Files.isDirectory(from), "cannot find " + from.toAbsolutePath() + " from "
                + Path.of("").toAbsolutePath() + "; run this test from the test-suites module of the repository");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    /** The test class path minus the entry holding the reference's classes of {@code lab}. */
    private static String classPathWithoutReference(String lab) throws IOException {
        Path reference = referenceRoot(lab);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().equals(reference)).toList();
        assertEquals(1, classPath.split(File.pathSeparator).length - kept.size(), "expected the " + lab
                + " reference (" + reference + ") once on the test class path: " + classPath);
        return String.join(File.pathSeparator, kept);
    }

    /**
     * The class path entry (folder or jar) that holds the reference's classes of {@code lab}: not this module's own
     * classes, which hold the lab's public tests in the lab's package too.
     */
    private static Path referenceRoot(String lab) throws IOException {
        String packagePath = labPackage(lab).replace('.', '/') + "/";
        List<Path> roots = new ArrayList<>(roots(packagePath));
        roots.removeAll(roots("faultline/suites/"));
        assertEquals(1, roots.size(), "expected " + packagePath + " in exactly one class path entry besides this"
                + " module's own, found " + roots);
        return roots.get(0);
    }

    /** The class path entries (folders or jars) that hold {@code packagePath}. */
    private static List<Path> roots(String packagePath) throws IOException {
        List<Path> roots = new ArrayList<>();
        for (URL url : Collections.list(LabVariant.class.getClassLoader().getResources(packagePath))) {
            try {
                Path root;
                if (url.getProtocol().equals("jar")) {
                    String file = url.getPath();
                    root = Path.of(new URL(file.substring(0, file.indexOf("!/"))).toURI());
                } else {
                    root = Path.of(url.toURI());
                    for (int i = 0; i < packagePath.split("/").length; i++) {
                        root = root.getParent();
                    }
                }
                roots.add(root.toAbsolutePath().normalize());
            } catch (URISyntaxException | MalformedURLException e) {
                throw new AssertionError("cannot locate " + url, e);
            }
        }
        return roots;
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new AssertionError("cannot locate the classes of " + type, e);
        }
    }

    /**
     * Loads the lab's and the suite's classes from the variant's folder only, never from the parent:
     * otherwise the suite would link against the reference that is also on the class path. One loader
     * holds both, because package-private access between lab classes needs them in one runtime package.
     */
    private static final class VariantLoader extends URLClassLoader {

        private final List<String> labPrefixes;
        private final String suitePrefix;

        VariantLoader(String lab, Path classes, ClassLoader parent) {
            super(new URL[] {url(classes)}, parent);
            this.labPrefixes = labPackages(lab).stream().map(name -> name + ".").toList();
            this.suitePrefix = suitePackage(lab) + ".";
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (labPrefixes.stream().noneMatch(name::startsWith) && !name.startsWith(suitePrefix)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        private static URL url(Path path) {
            try {
                return path.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new AssertionError("cannot make a URL of " + path, e);
            }
        }
    }
}
