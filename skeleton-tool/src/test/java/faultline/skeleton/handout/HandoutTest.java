package faultline.skeleton.handout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a handout zip holds, on a small skeleton folder made here. */
class HandoutTest {

    private static Path skeletonModule(Path root) throws IOException {
        Files.createDirectories(root.resolve("src/main/java/faultline/labs/demo"));
        Files.createDirectories(root.resolve("src/main/java/faultline/labs/other"));
        Files.createDirectories(root.resolve("src/test/java/faultline/labs/demo"));
        Files.createDirectories(root.resolve("src/test/java/faultline/labs/other"));
        Files.writeString(root.resolve("README.md"), "# Labs\n");
        Files.writeString(root.resolve("src/main/java/faultline/labs/demo/Node1.java"), "package faultline.labs.demo;\n");
        Files.writeString(root.resolve("src/main/java/faultline/labs/other/Secret.java"), "other lab\n");
        Files.writeString(root.resolve("src/test/java/faultline/labs/demo/DemoTest.java"), "test\n");
        Files.writeString(root.resolve("src/test/java/faultline/labs/other/OtherTest.java"), "other test\n");
        return root;
    }

    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void holdsOneLabsSourcesTestsFrameworkRepositoryAndPom(@TempDir Path temp) throws IOException {
        Path zip = temp.resolve("demo.zip");
        Handout.build("demo", zip, skeletonModule(temp.resolve("skeleton")));
        Map<String, byte[]> entries = entries(zip);
        assertTrue(entries.containsKey("faultline-demo/src/main/java/faultline/labs/demo/Node1.java"), entries.keySet()::toString);
        assertTrue(entries.containsKey("faultline-demo/src/test/java/faultline/labs/demo/DemoTest.java"));
        assertTrue(entries.containsKey("faultline-demo/README.md"));
        String submit = new String(entries.get("faultline-demo/Submit.java"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(submit.contains("static final String LAB = \"demo\";"), "the submit program names its lab");
        assertTrue(entries.keySet().stream().noneMatch(n -> n.contains("/other/")), "another lab leaked in: " + entries.keySet());
        String version = "0.1.0-SNAPSHOT";
        String jar = "faultline-demo/lib/dev/faultline/faultline-framework/" + version + "/faultline-framework-" + version + ".jar";
        assertTrue(entries.containsKey(jar) && entries.containsKey(jar + ".sha1"), entries.keySet()::toString);
        String pom = new String(entries.get("faultline-demo/pom.xml"), StandardCharsets.UTF_8);
        assertTrue(pom.contains("<artifactId>faultline-demo</artifactId>") && pom.contains("<version>" + version + "</version>")
                && !pom.contains("{{"), pom);
        try (ZipInputStream framework = new ZipInputStream(new java.io.ByteArrayInputStream(entries.get(jar)))) {
            boolean hasNode = false;
            for (ZipEntry e = framework.getNextEntry(); e != null; e = framework.getNextEntry()) {
                hasNode |= e.getName().equals("faultline/framework/Node.class");
            }
            assertTrue(hasNode, "the framework jar in the handout lacks faultline/framework/Node.class");
        }
    }

    /** Lab 3 is three packages; the handout's Submit.java must send all three, and nothing of another lab. */
    @Test
    void submitSendsEveryPackageOfALabMadeOfSeveral(@TempDir Path temp) throws Exception {
        Path skeleton = temp.resolve("skeleton");
        for (String labPackage : java.util.List.of("paxos", "kv", "paxoskv", "pbkv")) {
            Path folder = Files.createDirectories(skeleton.resolve("src/main/java/faultline/labs/" + labPackage));
            Files.writeString(folder.resolve("Part.java"), "package faultline.labs." + labPackage + ";\n");
        }
        Files.writeString(skeleton.resolve("README.md"), "# Labs\n");
        Path zip = temp.resolve("paxoskv.zip");
        Handout.build("paxoskv", zip, skeleton);
        Path unpacked = Files.createDirectories(temp.resolve("unpacked"));
        for (Map.Entry<String, byte[]> e : entries(zip).entrySet()) {
            Path file = unpacked.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        Path handout = unpacked.resolve("faultline-paxoskv");
        Path classes = Files.createDirectories(temp.resolve("classes"));
        int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-d", classes.toString(), handout.resolve("Submit.java").toString());
        assertEquals(0, compiled, "the handout's Submit.java should compile with the JDK alone");
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()})) {
            java.lang.reflect.Method zipMethod = loader.loadClass("Submit").getDeclaredMethod("zip", Path.class);
            zipMethod.setAccessible(true);
            byte[] sent = (byte[]) zipMethod.invoke(null, handout.resolve("src/main/java/faultline/labs"));
            Path sentZip = Files.write(temp.resolve("sent.zip"), sent);
            assertEquals(java.util.Set.of("faultline/labs/paxos/Part.java", "faultline/labs/kv/Part.java",
                    "faultline/labs/paxoskv/Part.java"), entries(sentZip).keySet());
        }
    }

    /**
     * Submit.java says how many tests are withheld in whole numbers, and prints a step whose text changes only in
     * its numbers ("Running for 3 s") once when its output is not a terminal.
     */
    @Test
    void submitPrintsCountsWholeAndEachStepOnce(@TempDir Path temp) throws Exception {
        Path zip = temp.resolve("demo.zip");
        Handout.build("demo", zip, skeletonModule(temp.resolve("skeleton")));
        Path submit = Files.write(temp.resolve("Submit.java"), entries(zip).get("faultline-demo/Submit.java"));
        Path classes = Files.createDirectories(temp.resolve("classes"));
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-d", classes.toString(), submit.toString()));
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()})) {
            Class<?> main = loader.loadClass("Submit");
            java.lang.reflect.Method withheld = main.getDeclaredMethod("withheld", int.class);
            withheld.setAccessible(true);
            assertEquals("20 more tests are not released yet.", withheld.invoke(null, 20));
            assertEquals("1 more test is not released yet.", withheld.invoke(null, 1));
            Class<?> progressClass = loader.loadClass("Submit$Progress");
            java.lang.reflect.Constructor<?> make = progressClass.getDeclaredConstructor(boolean.class);
            make.setAccessible(true);
            Object progress = make.newInstance(false);
            java.lang.reflect.Method show = progressClass.getDeclaredMethod("show", String.class);
            java.lang.reflect.Method end = progressClass.getDeclaredMethod("end");
            show.setAccessible(true);
            end.setAccessible(true);
            System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
            for (String detail : java.util.List.of("Queued", "Running for 1 s", "Running for 2 s", "Running for 3 s",
                    "Copying results out")) {
                show.invoke(progress, detail);
            }
            end.invoke(progress);
        } finally {
            System.setOut(stdout);
        }
        assertEquals("Queued\nRunning for 1 s\nCopying results out\n",
                printed.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    /** The course's real skeleton, as HandoutOfflineTest finds it. */
    private static Path courseSkeleton() {
        return Path.of(System.getProperty("faultline.repository", "..")).toAbsolutePath().normalize()
                .resolve("student-skeleton");
    }

    private static java.util.List<Path> files(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /**
     * Each lab's README is written for that lab: it names every public test the handout carries (class and method),
     * every file the student has to fill in, how to replay a seed and how to submit, and no other lab's test.
     */
    @Test
    void everyLabsReadmeNamesItsOwnTestsAndFilesAndNoOtherLabsTests(@TempDir Path temp) throws IOException {
        Path skeleton = courseSkeleton();
        java.util.Map<String, java.util.List<String>> testsByPackage = new TreeMap<>();
        for (Path folder : Files.list(skeleton.resolve("src/test/java/faultline/labs")).sorted().toList()) {
            java.util.List<String> tests = new java.util.ArrayList<>();
            for (Path test : files(folder, "Test.java")) {
                tests.add(test.getFileName().toString().replace(".java", ""));
            }
            testsByPackage.put(folder.getFileName().toString(), tests);
        }
        for (String lab : faultline.framework.LabPackages.LABS) {
            Path zip = temp.resolve(lab + ".zip");
            Handout.build(lab, zip, skeleton);
            String readme = new String(entries(zip).get("faultline-" + lab + "/README.md"), StandardCharsets.UTF_8);
            java.util.List<String> packages = faultline.framework.LabPackages.of(lab);
            for (String labPackage : packages) {
                for (Path test : files(skeleton.resolve("src/test/java/faultline/labs/" + labPackage), "Test.java")) {
                    String name = test.getFileName().toString().replace(".java", "");
                    assertTrue(readme.contains(name + ".java"), lab + "'s README does not name its test " + name);
                    java.util.regex.Matcher method = java.util.regex.Pattern.compile("void (\\w+)\\(TestRun")
                            .matcher(Files.readString(test));
                    while (method.find()) {
                        assertTrue(readme.contains("`" + method.group(1) + "`"),
                                lab + "'s README does not list the public test " + name + "#" + method.group(1));
                    }
                }
                for (Path source : files(skeleton.resolve("src/main/java/faultline/labs/" + labPackage), ".java")) {
                    if (Files.readString(source).contains("TODO")) {
                        assertTrue(readme.contains(source.getFileName().toString()),
                                lab + "'s README does not say where to start on " + source.getFileName());
                    }
                }
            }
            testsByPackage.forEach((labPackage, tests) -> {
                if (!packages.contains(labPackage)) {
                    for (String other : tests) {
                        assertFalse(java.util.regex.Pattern.compile("\\b" + other + "\\b").matcher(readme).find(),
                                lab + "'s README names " + other + ", a test of another lab");
                    }
                }
            });
            assertTrue(readme.startsWith("# Lab "), readme);
            assertTrue(readme.contains("-Dfaultline.seed="), lab + ": how to replay a seed");
            assertTrue(readme.contains("    java Submit.java --server URL --token TOKEN"), lab + ": how to submit");
            assertFalse(readme.contains("{{"), readme);
        }
    }

    @Test
    void sameInputsGiveTheSameZip(@TempDir Path temp) throws IOException {
        Path skeleton = skeletonModule(temp.resolve("skeleton"));
        Handout.build("demo", temp.resolve("a.zip"), skeleton);
        Handout.build("demo", temp.resolve("b.zip"), skeleton);
        assertArrayEquals(Files.readAllBytes(temp.resolve("a.zip")), Files.readAllBytes(temp.resolve("b.zip")));
    }

    @Test
    void unknownLabIsAnErrorListingTheLabs(@TempDir Path temp) throws IOException {
        Path skeleton = skeletonModule(temp.resolve("skeleton"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Handout.build("paxos", temp.resolve("x.zip"), skeleton));
        assertTrue(e.getMessage().contains("[demo, other]"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("x.zip")));
    }

    @Test
    void withoutBundledSkeletonOnClasspathSaysWhatToDo(@TempDir Path temp) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Handout.build("pingpong", temp.resolve("x.zip")));
        assertEquals(true, e.getMessage().contains("classifier \"handout\""), e.getMessage());
    }
}
