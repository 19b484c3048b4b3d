package faultline.suites.plantedbugs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The pbkv reference with one textual change (a planted bug), compiled on its own, and the hidden suite
 * run against it: the suite's classes and the patched lab classes are loaded child-first by one class
 * loader, so the suite links against the patched lab while the framework and JUnit stay shared.
 */
final class PbkvMutantLab {

    static final String LAB_PACKAGE = "faultline.labs.pbkv";
    static final String SUITE_PACKAGE = "faultline.suites.pbkv";

    /** One change to one reference file: {@code original} must occur exactly once and becomes {@code planted}. */
    record Patch(String file, String original, String planted) {
    }

    /** How each selected test fared, seed by seed: failures and runs, and the first failure's message. */
    record Tally(int runs, int failures, String firstFailure) {
    }

    private PbkvMutantLab() {
    }

    /** Where the reference's pbkv sources are: in the sibling module of this one. */
    static Path referenceSources() {
        return moduleSources("reference-impl", LAB_PACKAGE);
    }

    /** Where the hidden suite's sources are: in this module. */
    static Path suiteSources() {
        return moduleSources("test-suites", SUITE_PACKAGE);
    }

    private static Path moduleSources(String module, String javaPackage) {
        Path relative = Path.of("src", "main", "java").resolve(javaPackage.replace('.', '/'));
        for (Path base : List.of(Path.of(".."), Path.of(""))) {
            Path sources = base.resolve(module).resolve(relative);
            if (Files.isDirectory(sources)) {
                return sources;
            }
        }
        throw new IllegalStateException("Cannot find " + module + "/" + relative + " from "
                + Path.of("").toAbsolutePath() + "; run this test from the test-suites module of the repository.");
    }

    /**
     * Copies the reference, applies {@code patches}, and compiles the result, with the hidden suite, into
     * {@code work}/classes.
     */
    static Path compile(Path work, List<Patch> patches) throws IOException {
        Path sources = Files.createDirectories(work.resolve("lab"));
        Path suite = Files.createDirectories(work.resolve("suite"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        copyJava(referenceSources(), sources);
        copyJava(suiteSources(), suite);
        for (Patch patch : patches) {
            Path file = sources.resolve(patch.file());
            String text = Files.readString(file);
            int first = text.indexOf(patch.original());
            assertTrue(first >= 0 && text.indexOf(patch.original(), first + 1) < 0, "the planted bug's patch must"
                    + " match exactly once in " + patch.file() + ", but it matched "
                    + (first < 0 ? "nowhere" : "more than once") + "; update the patch to the current reference:\n"
                    + patch.original());
            Files.writeString(file, text.replace(patch.original(), patch.planted()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        // The suite is compiled from source with the patched lab, so that nothing depends on build output
        // that another build may be rewriting; sources named here win over the classes on the class path.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-nowarn", "-parameters",
                "-d", classes.toString(), "-classpath", classPath));
        for (Path folder : List.of(sources, suite)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.map(Path::toString).sorted().forEach(arguments::add);
            }
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, arguments.toArray(String[]::new));
        assertEquals(0, status, "the patched reference did not compile:\n"
                + errors.toString(java.nio.charset.StandardCharsets.UTF_8));
        return classes;
    }

    private static void copyJava(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Files.copy(file, to.resolve(file.getFileName().toString()));
            }
        }
    }

    /**
     * Runs {@code tests} (method names of the suite classes) against the lab and suite in {@code labClasses},
     * once per seed the system properties ask for.
     */
    static Map<String, Tally> run(Path labClasses, List<String> tests) {
        try (ChildFirst loader = new ChildFirst(new URL[] {labClasses.toUri().toURL()},
                PbkvMutantLab.class.getClassLoader())) {
            List<DiscoverySelector> selectors = new ArrayList<>();
            for (String test : tests) {
                selectors.add(selector(loader, test));
            }
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
            Map<String, int[]> counts = new TreeMap<>();
            Map<String, String> firstFailure = new TreeMap<>();
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                LauncherFactory.create().execute(request, new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (!id.isTest()) {
                            return;
                        }
                        String test = testName(id.getUniqueId());
                        int[] tally = counts.computeIfAbsent(test, t -> new int[2]);
                        tally[0]++;
                        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                            tally[1]++;
                            firstFailure.putIfAbsent(test, result.getThrowable().map(Throwable::getMessage)
                                    .orElse(result.getStatus().toString()));
                        }
                    }
                });
            } finally {
                thread.setContextClassLoader(previous);
            }
            Map<String, Tally> tallies = new TreeMap<>();
            counts.forEach((test, c) -> tallies.put(test, new Tally(c[0], c[1], firstFailure.getOrDefault(test, ""))));
            return tallies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DiscoverySelector selector(ClassLoader loader, String test) {
        for (String suite : List.of("ViewServiceSuite", "PrimaryBackupSuite")) {
            try {
                Class<?> type = Class.forName(SUITE_PACKAGE + "." + suite, false, loader);
                Method method = Arrays.stream(type.getDeclaredMethods())
                        .filter(m -> m.getName().equals(test) && m.getParameterCount() == 1)
                        .findFirst().orElse(null);
                if (method != null) {
                    return selectMethod(type, method);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("The suite class " + suite + " is not on the test class path", e);
            }
        }
        throw new IllegalArgumentException("No pbkv suite has a test called " + test);
    }

    /** "...method:basicPutGetWithFailover(...)/[test-template-invocation:#2]" -> "basicPutGetWithFailover". */
    private static String testName(String uniqueId) {
        int start = uniqueId.indexOf("test-template:") + "test-template:".length();
        return uniqueId.substring(start, uniqueId.indexOf('(', start));
    }

    /** Loads the lab and the suite from its own URLs first, everything else from its parent. */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(LAB_PACKAGE + ".") && !name.startsWith(SUITE_PACKAGE + ".")) {
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
    }
}
