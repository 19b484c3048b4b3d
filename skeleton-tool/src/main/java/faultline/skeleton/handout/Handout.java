package faultline.skeleton.handout;

import faultline.framework.LabPackages;
import faultline.framework.Node;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs one lab's handout into a zip that a student unpacks anywhere and runs {@code mvn test} in:
 * <pre>
 * faultline-LAB/
 *   pom.xml                       runs the public tests; pins the versions this build used
 *   README.md                     the lab's README: handouts/LAB.md of the skeleton, then handouts/common.md
 *                                 (the skeleton's README.md for a lab without one)
 *   Submit.java                   "java Submit.java --server URL --token TOKEN" submits the lab (JDK only)
 *   src/main/java/faultline/labs/LAB/...   the skeleton (each of the lab's packages, see LabPackages)
 *   src/test/java/faultline/labs/LAB/...   the public tests
 *   lib/dev/faultline/faultline-framework/V/faultline-framework-V.{jar,pom}   a file repository
 *   .mvn/maven.config             lets "mvn -o" read lib/ (Maven treats even a folder as remote)
 * </pre>
 * The framework jar (lab API and test kit) comes from the classpath this runs on, so a handout always
 * matches the platform that grades it. JUnit and Jackson are not shipped: Maven resolves them from the
 * student's cache or Maven Central. Entries are sorted and time-stamped alike, so the same inputs give
 * the same zip.
 */
public final class Handout {

    /** Where the student-skeleton module's handout jar (classifier "handout") keeps the skeleton module's files. */
    public static final String BUNDLED = "faultline/handout/student-skeleton";

    private static final LocalDateTime STAMP = LocalDateTime.of(2020, 1, 1, 0, 0);
    private static final Path LABS = Path.of("faultline", "labs");

    private Handout() {
    }

    /**
     * Builds {@code lab}'s handout from the skeleton bundled on the classpath (the student-skeleton
     * artifact with classifier {@code handout}).
     */
    public static void build(String lab, Path outputZip) {
        URL readme = Handout.class.getClassLoader().getResource(BUNDLED + "/README.md");
        if (readme == null) {
            throw new IllegalStateException("The student skeleton is not on the classpath (" + BUNDLED
                    + "/README.md is missing). Put faultline-student-skeleton with classifier \"handout\" on the"
                    + " classpath, or build from a skeleton folder with Handout.build(lab, out, folder).");
        }
        try {
            if (readme.getProtocol().equals("jar")) {
                String path = readme.getPath();
                Path jar = Path.of(new URL(path.substring(0, path.indexOf("!/"))).toURI());
                try (FileSystem zip = FileSystems.newFileSystem(jar)) {
                    build(lab, outputZip, zip.getPath("/" + BUNDLED));
                }
            } else {
                build(lab, outputZip, Path.of(readme.toURI()).getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the bundled skeleton at " + readme + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Could not locate the bundled skeleton at " + readme, e);
        }
    }

    /**
     * Builds {@code lab}'s handout into {@code outputZip} from {@code skeletonModule}, a folder laid out like
     * the student-skeleton module (README.md, src/main/java, src/test/java).
     */
    public static void build(String lab, Path outputZip, Path skeletonModule) {
        Path sources = skeletonModule.resolve("src/main/java").resolve(LABS.toString()).resolve(lab);
        if (!Files.isDirectory(sources)) {
            throw new IllegalArgumentException("There is no lab \"" + lab + "\" in the skeleton at " + skeletonModule
                    + ". Labs there: " + labs(skeletonModule) + ".");
        }
        Properties versions = versions();
        String top = "faultline-" + lab + "/";
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put(top + "pom.xml", fill(template("pom.xml.template"), versions, lab));
        entries.put(top + "README.md", readme(lab, skeletonModule, versions));
        entries.put(top + "Submit.java", fill(template("Submit.java.template"), versions, lab));
        // A lab may be several packages (Lab 3: the Paxos library, the key/value store, the service).
        for (String labPackage : LabPackages.of(lab)) {
            Path packageSources = skeletonModule.resolve("src/main/java").resolve(LABS.toString()).resolve(labPackage);
            if (Files.isDirectory(packageSources)) {
                addTree(entries, top + "src/main/java/faultline/labs/" + labPackage, packageSources);
            }
            Path tests = skeletonModule.resolve("src/test/java").resolve(LABS.toString()).resolve(labPackage);
            if (Files.isDirectory(tests)) {
                addTree(entries, top + "src/test/java/faultline/labs/" + labPackage, tests);
            }
        }
        String version = versions.getProperty("framework.version");
        String repo = top + "lib/dev/faultline/faultline-framework/" + version + "/faultline-framework-" + version;
        byte[] jar = frameworkJar();
        byte[] pom = fill(template("framework.pom.template"), versions, lab);
        entries.put(repo + ".jar", jar);
        entries.put(repo + ".jar.sha1", sha1(jar));
        entries.put(repo + ".pom", pom);
        entries.put(repo + ".pom.sha1", sha1(pom));
        // Maven's offline mode (-o) refuses every repository, even a folder, unless told that file: is local.
        entries.put(top + ".mvn/maven.config", "-Daether.offline.protocols=file\n".getBytes(StandardCharsets.UTF_8));
        write(entries, outputZip);
    }

    /**
     * {@code Handout LAB OUT.zip} packs from the bundled skeleton; {@code Handout LAB OUT.zip SKELETON_DIR}
     * packs from a student-skeleton folder (in the course repository: {@code student-skeleton}).
     */
    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            throw new IllegalArgumentException("Usage: Handout LAB OUT.zip [STUDENT_SKELETON_DIR],"
                    + " for example: Handout pingpong pingpong.zip student-skeleton");
        }
        Path out = Path.of(args[1]);
        if (args.length == 3) {
            build(args[0], out, Path.of(args[2]));
        } else {
            build(args[0], out);
        }
        System.out.println("Wrote the " + args[0] + " handout to " + out.toAbsolutePath());
    }

    /**
     * The lab's own README, written for it (first steps, its public tests, how to run and replay one), followed
     * by what every lab shares (the rules of node code, replaying, submitting).
     */
    private static byte[] readme(String lab, Path skeletonModule, Properties versions) {
        Path handouts = skeletonModule.resolve("handouts");
        Path own = handouts.resolve(lab + ".md");
        if (!Files.isRegularFile(own)) {
            return read(skeletonModule.resolve("README.md"));
        }
        String text = new String(read(own), StandardCharsets.UTF_8) + new String(read(handouts.resolve("common.md")),
                StandardCharsets.UTF_8);
        return fill(text, versions, lab);
    }

    private static List<String> labs(Path skeletonModule) {
        Path labs = skeletonModule.resolve("src/main/java").resolve(LABS.toString());
        if (!Files.isDirectory(labs)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(labs)) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString().replace("/", "")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addTree(Map<String, byte[]> entries, String prefix, Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                entries.put(prefix + "/" + relative, read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The framework's classes as a jar: the jar itself when it runs from one, else its class folder, packed. */
    private static byte[] frameworkJar() {
        Path location;
        try {
            location = Path.of(Node.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Could not locate the framework classes", e);
        }
        if (Files.isRegularFile(location)) {
            return read(location);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest); Stream<Path> walk = Files.walk(location)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                JarEntry entry = new JarEntry(location.relativize(file).toString().replace('\\', '/'));
                entry.setTimeLocal(STAMP);
                jar.putNextEntry(entry);
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not pack the framework classes in " + location, e);
        }
        return bytes.toByteArray();
    }

    private static void write(Map<String, byte[]> entries, Path outputZip) {
        Path absolute = outputZip.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path partial = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".partial");
            try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(file)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey());
                    entry.setTimeLocal(STAMP);
                    zip.putNextEntry(entry);
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the handout " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static Properties versions() {
        Properties versions = new Properties();
        try (InputStream in = resource("versions.properties")) {
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    private static String template(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Handout.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("The skeleton tool was built without its resource " + name);
        }
        return in;
    }

    private static byte[] fill(String template, Properties versions, String lab) {
        String text = template.replace("{{lab}}", lab).replace("{{packages}}", String.join(",", LabPackages.of(lab)))
                .replace("{{package folders}}", String.join(", ", LabPackages.of(lab).stream()
                        .map(p -> "`faultline/labs/" + p + "/`").toList()));
        for (String key : versions.stringPropertyNames()) {
            text = text.replace("{{" + key + "}}", versions.getProperty(key));
        }
        if (text.contains("{{")) {
            throw new IllegalStateException("A handout template has a placeholder without a value: "
                    + text.substring(text.indexOf("{{"), text.indexOf("}}", text.indexOf("{{")) + 2));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A checksum file as Maven repositories hold them, so resolving from lib/ verifies what it reads. */
    private static byte[] sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-1, which every JVM must have", e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
