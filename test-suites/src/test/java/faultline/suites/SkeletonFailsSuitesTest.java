package faultline.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import faultline.testkit.junit.Points;
import faultline.testkit.junit.Seeds;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.SelectorResolutionResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The unsolved student skeleton must earn no points: every hidden test that carries points fails on it.
 * A graded test that passes on the skeleton hands out free points, or checks nothing the lab asks for.
 * The committed skeleton (student-skeleton/src/main/java) is compiled here into a temp folder and loaded
 * child-first, so that it shadows the reference for {@code faultline.labs.<lab>} and the suite links
 * against it, as it links against a student's code in the sandbox.
 */
class SkeletonFailsSuitesTest {

    private static final Path SKELETON = Path.of("..", "student-skeleton", "src", "main", "java");

    @ParameterizedTest
    @ValueSource(strings = {"pingpong", "mapreduce", "pbkv"})
    void skeletonEarnsNoPoints(String lab, @TempDir Path classes) throws Exception {
        compileSkeleton(lab, classes);
        Path suites = root("faultline/suites/" + lab + "/");
        try (ShadowingLoader loader = new ShadowingLoader(lab, classes, suites, getClass().getClassLoader())) {
            assertSkeletonShadowsReference(lab, classes, loader);
            List<Run> runs = runSuite(lab, suites, loader);
            List<Run> graded = runs.stream().filter(Run::graded).toList();
            assertFalse(graded.isEmpty(), "the " + lab + " suite ran no test that carries points on the skeleton;"
                    + " ran: " + runs);
            String passing = graded.stream().filter(r -> r.status() == TestExecutionResult.Status.SUCCESSFUL)
                    .map(Run::test).collect(Collectors.joining("\n  "));
            assertEquals("", passing, "these graded " + lab + " tests pass on the unsolved skeleton, so they"
                    + " give points for nothing; make them check what the lab asks for:\n  " + passing);
        }
    }

    /** One test invocation on the skeleton, and whether its method carries points. */
    record Run(String test, boolean graded, TestExecutionResult.Status status) {
    }

    private static void compileSkeleton(String lab, Path classes) throws IOException {
        Path sources = SKELETON.resolve(Path.of("faultline", "labs", lab));
        assertTrue(Files.isDirectory(sources), "no skeleton for " + lab + " at " + sources.toAbsolutePath()
                + ": run student-skeleton/regenerate.sh (this test runs from the test-suites folder)");
        List<File> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files2 = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = files2.getJavaFileObjectsFromFiles(files);
            List<String> options = List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                    "-classpath", classpathWithoutReference(lab));
            boolean compiled = javac.getTask(diagnostics, files2, null, options, null, units).call();
            assertTrue(compiled, "the " + lab + " skeleton does not compile:\n" + diagnostics);
        }
    }

    /** The test classpath minus the reference, so that a class missing from the skeleton cannot come from it. */
    private static String classpathWithoutReference(String lab) throws IOException {
        Path reference = root("faultline/labs/" + lab + "/");
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().equals(reference))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static void assertSkeletonShadowsReference(String lab, Path classes, ClassLoader loader) throws Exception {
        Path anyClass;
        try (Stream<Path> walk = Files.walk(classes.resolve(Path.of("faultline", "labs", lab)))) {
            anyClass = walk.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$")).findFirst()
                    .orElseThrow(() -> new AssertionError("the " + lab + " skeleton compiled to no classes"));
        }
        String name = "faultline.labs." + lab + "." + anyClass.getFileName().toString().replace(".class", "");
        assertEquals(classes.toAbsolutePath(), location(loader.loadClass(name)).toAbsolutePath(),
                name + " was not loaded from the compiled skeleton, so the suite would test the reference");
    }

    private static List<Run> runSuite(String lab, Path suites, ClassLoader loader) throws IOException {
        List<ClassSelector> selectors = new ArrayList<>();
        try (Stream<Path> walk = Files.list(suites.resolve(Path.of("faultline", "suites", lab)))) {
            for (Path file : walk.sorted().toList()) {
                String simple = file.getFileName().toString();
                if (simple.endsWith(".class") && !simple.contains("$") && !simple.equals("package-info.class")) {
                    try {
                        selectors.add(selectClass(loader.loadClass(
                                "faultline.suites." + lab + "." + simple.replace(".class", ""))));
                    } catch (ClassNotFoundException | LinkageError e) {
                        throw new AssertionError("suite class " + simple + " does not load against the " + lab
                                + " skeleton: " + e, e);
                    }
                }
            }
        }
        List<Run> runs = new ArrayList<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .listeners(new LauncherDiscoveryListener() {
                    @Override
                    public void selectorProcessed(UniqueId engine, DiscoverySelector selector,
                            SelectorResolutionResult result) {
                        if (result.getStatus() == SelectorResolutionResult.Status.FAILED) {
                            runs.add(new Run(selector + " (discovery: " + result.getThrowable()
                                    .map(Throwable::toString).orElse("") + ")", false,
                                    TestExecutionResult.Status.FAILED));
                        }
                    }
                }).build();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        // One seed unless -Dfaultline.seed picks another: the skeleton fails at once in the simulator, but a
        // live-runtime test waits out its real-time budget on every seed. Restored below for the other tests.
        boolean chooseSeed = System.getProperty(Seeds.SEED) == null;
        if (chooseSeed) {
            System.setProperty(Seeds.SEED, "1");
        }
        try {
            LauncherFactory.create().execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (id.isTest()) {
                        runs.add(new Run(id.getUniqueId(), carriesPoints(id, loader), result.getStatus()));
                    } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        runs.add(new Run(id.getUniqueId() + " (container: " + result.getThrowable()
                                .map(Throwable::toString).orElse("") + ")", false, result.getStatus()));
                    }
                }
            });
        } finally {
            if (chooseSeed) {
                System.clearProperty(Seeds.SEED);
            }
            thread.setContextClassLoader(previous);
        }
        return runs;
    }

    private static boolean carriesPoints(TestIdentifier id, ClassLoader loader) {
        if (id.getSource().orElse(null) instanceof MethodSource source) {
            try {
                Class<?> suite = loader.loadClass(source.getClassName());
                for (Method method : suite.getDeclaredMethods()) {
                    if (method.getName().equals(source.getMethodName()) && method.isAnnotationPresent(Points.class)) {
                        return true;
                    }
                }
            } catch (ClassNotFoundException e) {
                throw new AssertionError("cannot load suite class " + source.getClassName(), e);
            }
        }
        return false;
    }

    /**
     * The classpath entry (folder or jar) that holds {@code packagePath}, other than this module's own test
     * classes (which hold helper tests in the suites' packages, not the suites).
     */
    private static Path root(String packagePath) throws IOException {
        Path ownTests = location(SkeletonFailsSuitesTest.class);
        List<Path> roots = new ArrayList<>();
        for (URL url : Collections.list(SkeletonFailsSuitesTest.class.getClassLoader().getResources(packagePath))) {
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
                if (!root.toAbsolutePath().equals(ownTests)) {
                    roots.add(root.toAbsolutePath());
                }
            } catch (URISyntaxException | MalformedURLException e) {
                throw new AssertionError("cannot locate " + url, e);
            }
        }
        assertEquals(1, roots.size(), "expected " + packagePath + " in exactly one classpath entry, found " + roots);
        return roots.get(0);
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new AssertionError("cannot locate " + type, e);
        }
    }

    /**
     * Loads the lab's classes from the compiled skeleton and the lab's suite from the suites' folder, never
     * from the parent: otherwise the suite would link against the reference that is also on the classpath.
     */
    private static final class ShadowingLoader extends URLClassLoader {

        private final String labPrefix;
        private final String suitePrefix;

        ShadowingLoader(String lab, Path skeleton, Path suites, ClassLoader parent) throws MalformedURLException {
            super(new URL[] {skeleton.toUri().toURL(), suites.toUri().toURL()}, parent);
            this.labPrefix = "faultline.labs." + lab + ".";
            this.suitePrefix = "faultline.suites." + lab + ".";
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(labPrefix) && !name.startsWith(suitePrefix)) {
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
