package faultline.suites.plantedbugs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import faultline.testkit.junit.SeededTestExtension;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A lab's reference solution with source patches applied, compiled into a folder, and a class loader
 * in which the patched lab shadows the reference and the lab's suite links against the patched lab.
 */
final class PatchedLab implements AutoCloseable {

    /** Replace {@code find}, which must occur exactly once in {@code file}, by {@code replace}. */
    record Patch(String file, String find, String replace) {
    }

    /** What one suite test did on one seed. */
    record Outcome(String test, String seed, TestExecutionResult.Status status, String message) {
        boolean failed() {
            return status != TestExecutionResult.Status.SUCCESSFUL;
        }
    }

    private final URLClassLoader loader;
    private final Path traces;

    private PatchedLab(URLClassLoader loader, Path traces) {
        this.loader = loader;
        this.traces = traces;
    }

    /**
     * Copies the reference's source files that {@code patches} touch (from the package of
     * {@code labClass}) into {@code workDir}, applies the patches and compiles those files there against
     * the reference; the rest of the lab comes from the reference's classes, and the suite's classes from
     * where {@code suiteClass} was found.
     */
    static PatchedLab compile(Class<?> labClass, List<Patch> patches, Class<?> suiteClass, Path workDir)
            throws IOException {
        String lab = labClass.getPackageName();
        Path sources = Path.of("..", "reference-impl", "src", "main", "java").resolve(lab.replace('.', '/'));
        assertTrue(Files.isDirectory(sources), "the reference sources of " + lab + " are not at "
                + sources.toAbsolutePath() + "; run this test from the test-suites module");
        Path copy = workDir.resolve("src");
        Path classes = workDir.resolve("classes");
        Files.createDirectories(copy);
        Files.createDirectories(classes);
        Map<String, String> patched = new TreeMap<>();
        for (Patch patch : patches) {
            String text = patched.containsKey(patch.file()) ? patched.get(patch.file())
                    : Files.readString(sources.resolve(patch.file()));
            int first = text.indexOf(patch.find());
            assertTrue(first >= 0 && first == text.lastIndexOf(patch.find()), "the planted bug's patch no longer"
                    + " applies: " + patch.file() + " should contain exactly once:\n" + patch.find());
            patched.put(patch.file(), text.replace(patch.find(), patch.replace()));
        }
        Path reference = location(labClass);
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                location(faultline.framework.Node.class) + File.pathSeparator + reference,
                "-parameters", "-proc:none", "-nowarn", "-implicit:none"));
        for (Map.Entry<String, String> file : patched.entrySet()) {
            Path target = copy.resolve(file.getKey());
            Files.writeString(target, file.getValue());
            arguments.add(target.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue(javac != null, "no Java compiler in this JVM: run the tests on a JDK, not a JRE");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, arguments.toArray(String[]::new));
        assertEquals(0, status, "the patched " + lab + " reference does not compile:\n" + errors);
        // Patched classes first, then the reference's, all loaded by one loader: package-private access
        // between lab classes needs them in one runtime package.
        URL[] urls = {url(classes), url(reference), url(location(suiteClass))};
        URLClassLoader loader = new ShadowingLoader(List.of(lab + ".", suiteClass.getPackageName() + "."), urls,
                PatchedLab.class.getClassLoader());
        for (String file : patched.keySet()) {
            String name = lab + "." + file.replace(".java", "");
            try {
                assertEquals(classes, location(loader.loadClass(name)), name + " should load from the patched classes");
            } catch (ClassNotFoundException e) {
                throw new AssertionError("the patched " + name + " did not compile to a class", e);
            }
        }
        return new PatchedLab(loader, workDir.resolve("traces"));
    }

    /** Runs the named tests of {@code suiteClass} (loaded against the patched lab) on the usual seeds. */
    List<Outcome> run(Class<?> suiteClass, List<String> methods) {
        Class<?> suite;
        try {
            suite = loader.loadClass(suiteClass.getName());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("suite class " + suiteClass + " not found", e);
        }
        assertEquals(loader, suite.getClassLoader(), "the suite must be loaded next to the patched lab");
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(methods.stream().map(m -> selectMethod(suite, m, "faultline.testkit.junit.TestRun")).toList())
                .build();
        List<Outcome> outcomes = new ArrayList<>();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        // Traces of the runs the planted bug fails go to the work folder, not among real failures' traces.
        String traceDir = System.getProperty(SeededTestExtension.TRACE_DIR);
        System.setProperty(SeededTestExtension.TRACE_DIR, traces.toString());
        try {
            LauncherFactory.create().execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (id.isTest()) {
                        String uid = id.getUniqueId();
                        String method = uid.replaceAll(".*(method|test-template):", "").replaceAll("\\(.*", "");
                        outcomes.add(new Outcome(method, id.getDisplayName(), result.getStatus(),
                                result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("")));
                    }
                }
            });
        } finally {
            thread.setContextClassLoader(previous);
            if (traceDir == null) {
                System.clearProperty(SeededTestExtension.TRACE_DIR);
            } else {
                System.setProperty(SeededTestExtension.TRACE_DIR, traceDir);
            }
        }
        return outcomes;
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError("cannot locate the classes of " + type, e);
        }
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the lab's and its suite's classes itself (child first), and everything else from the parent. */
    private static final class ShadowingLoader extends URLClassLoader {
        private final List<String> shadowed;

        ShadowingLoader(List<String> shadowedPrefixes, URL[] urls, ClassLoader parent) {
            super(urls, parent);
            this.shadowed = List.copyOf(shadowedPrefixes);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (shadowed.stream().noneMatch(name::startsWith)) {
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
