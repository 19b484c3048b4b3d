package faultline.grader.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The sandbox image, made without any registry from the host's own JDK: a jlink runtime of the few
 * modules the runner needs, the shared libraries that {@code ldd} lists for it (and the dynamic
 * loader), and empty mount points, tarred and handed to the engine's import. Nothing else is in it:
 * no shell, no package manager. The runner and the jars are not baked in: they are bind-mounted read
 * only per run, so a new build of the suites needs no new image and the image depends only on the JDK.
 * The tag is a hash of what goes in (recipe, modules, the jmods' and libraries' bytes), so an
 * unchanged JDK reuses the image it built before.
 */
public final class SandboxImage {

    public static final String REPOSITORY = "faultline-sandbox";

    /**
     * What the runner needs, found with {@code jdeps --print-module-deps} over the runner and its lib/
     * (java.base, java.compiler, java.logging; java.sql and java.desktop are optional for Jackson and
     * left out), plus javac itself and jdk.zipfs, which javac needs to read the framework jar, and
     * jdk.unsupported, with which the test kit's search copies node state. SandboxImageModulesTest checks
     * the list against what the runner, the framework and the suites read.
     */
    public static final List<String> MODULES = List.of("java.base", "java.compiler", "jdk.compiler", "java.logging",
            "jdk.zipfs", "jdk.unsupported");

    /** Bump when the layout below changes, so old images are not reused. */
    private static final int RECIPE = 2;
    /** Where the host keeps the C.UTF-8 locale the image carries (Debian, Ubuntu). */
    private static final String UTF8_LOCALE = "/usr/lib/locale/C.utf8";
    static final String JAVA = "/opt/jre/bin/java";
    private static final Pattern LDD_PATH = Pattern.compile("(/\\S+)\\s+\\(0x");

    /** The image a sandbox runs, whether it was just built, and its size. */
    public record Built(String reference, boolean reused, Duration took, long sizeBytes) {
    }

    private final Path javaHome;

    public SandboxImage(Path javaHome) {
        this.javaHome = javaHome;
    }

    public static SandboxImage ofThisJdk() {
        return new SandboxImage(Path.of(System.getProperty("java.home")));
    }

    /** Returns the image for this JDK, building and importing it first if the engine lacks it. */
    public Built ensure(DockerClient docker) throws SandboxUnavailableException {
        long start = System.nanoTime();
        String reference = REPOSITORY + ":" + tag();
        try {
            long size = docker.inspectImageCmd(reference).exec().getSize();
            return new Built(reference, true, Duration.ofNanos(System.nanoTime() - start), size);
        } catch (NotFoundException e) {
            // Not there yet: build it below.
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("faultline-image-");
            Path tar = build(dir);
            importImage(tar, reference);
            long size = docker.inspectImageCmd(reference).exec().getSize();
            return new Built(reference, false, Duration.ofNanos(System.nanoTime() - start), size);
        } catch (IOException | RuntimeException e) {
            throw new SandboxUnavailableException("The sandbox image could not be built from the JDK at " + javaHome
                    + ": " + e.getMessage() + ". Grading needs a full JDK (with jmods and jlink) on the grading machine.", e);
        } finally {
            if (dir != null) {
                LocalSandbox.deleteTree(dir);
            }
        }
    }

    /**
     * Hands the tar to "docker import". The engine's API does the same (POST /images/create?fromSrc=-),
     * but docker-java 3.7's streamed upload of a large body ended early here ("unexpected EOF"), so the
     * CLI, which ships with every engine, does the import.
     */
    private static void importImage(Path tar, String reference) throws IOException {
        Process docker = new ProcessBuilder("docker", "import", tar.toString(), reference)
                .redirectErrorStream(true).start();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (InputStream in = docker.getInputStream()) {
            in.transferTo(text);
        }
        try {
            if (docker.waitFor() != 0) {
                throw new IOException("docker import failed: " + text.toString(StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while importing the image", e);
        }
    }

    /** A hash of everything that goes into the image. */
    public String tag() throws SandboxUnavailableException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("recipe " + RECIPE + " " + MODULES + " " + Runtime.version()).getBytes(StandardCharsets.UTF_8));
            for (String module : MODULES) {
                digest(sha, jmods().resolve(module + ".jmod"));
            }
            List<Path> hostLibs = new ArrayList<>();
            hostLibs.add(javaHome.resolve("bin/java"));
            hostLibs.add(javaHome.resolve("lib/server/libjvm.so"));
            for (String lib : libraries(hostLibs)) {
                digest(sha, Path.of(lib));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new SandboxUnavailableException("The JDK at " + javaHome + " cannot make a sandbox image: "
                    + e.getMessage(), e);
        }
    }

    private Path jmods() throws IOException {
        Path jmods = javaHome.resolve("jmods");
        if (!Files.isDirectory(jmods)) {
            throw new IOException("it has no jmods folder (install the full JDK, e.g. openjdk-17-jdk)");
        }
        return jmods;
    }

    private Path build(Path dir) throws IOException {
        Path jre = dir.resolve("jre");
        ToolProvider jlink = ToolProvider.findFirst("jlink")
                .orElseThrow(() -> new IOException("this JVM has no jlink (run the grader on a full JDK)"));
        StringWriter jlinkOut = new StringWriter();
        int code = jlink.run(new PrintWriter(jlinkOut), new PrintWriter(jlinkOut),
                "--module-path", jmods().toString(), "--add-modules", String.join(",", MODULES),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--generate-cds-archive",
                "--output", jre.toString());
        if (code != 0) {
            throw new IOException("jlink failed: " + jlinkOut);
        }
        // The heap is always far below 32 GB, so the JVM only ever maps the compressed-oops archive.
        Files.deleteIfExists(jre.resolve("lib/server/classes_nocoops.jsa"));
        List<Path> binaries = new ArrayList<>(List.of(jre.resolve("bin/java"), jre.resolve("lib/server/libjvm.so")));
        try (Stream<Path> libs = Files.list(jre.resolve("lib"))) {
            libs.filter(p -> p.toString().endsWith(".so")).forEach(binaries::add);
        }
        Path tar = dir.resolve("rootfs.tar");
        try (OutputStream file = Files.newOutputStream(tar);
             TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            directory(out, "tmp/", 01777, 0);
            directory(out, "work/", 0755, 65534);
            directory(out, "opt/", 0755, 0);
            directory(out, "opt/faultline/", 0755, 0);
            addTree(out, jre, "opt/jre/");
            TreeSet<String> dirs = new TreeSet<>();
            for (String lib : libraries(binaries)) {
                if (lib.startsWith(jre.toString())) {
                    continue;
                }
                String name = lib.substring(1);
                for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
                    if (dirs.add(name.substring(0, i + 1))) {
                        directory(out, name.substring(0, i + 1), 0755, 0);
                    }
                }
                file(out, Path.of(lib).toRealPath(), name, 0755);
            }
            // The C.UTF-8 locale, so that the JVM (started with LANG=C.UTF-8) reads file names as UTF-8: without
            // it a legal Ünïcødé.java is "malformed input" to java.nio.file. Debian keeps it as a folder here.
            Path utf8 = Path.of(UTF8_LOCALE);
            if (Files.isDirectory(utf8)) {
                String name = UTF8_LOCALE.substring(1) + "/";
                for (int i = name.indexOf('/'); i > 0 && i < name.length() - 1; i = name.indexOf('/', i + 1)) {
                    if (dirs.add(name.substring(0, i + 1))) {
                        directory(out, name.substring(0, i + 1), 0755, 0);
                    }
                }
                addTree(out, utf8, name);
            }
        }
        return tar;
    }

    /** The shared libraries (and the loader) that {@code ldd} lists for these binaries. */
    private static TreeSet<String> libraries(List<Path> binaries) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ldd"));
        binaries.forEach(b -> cmd.add(b.toString()));
        Process ldd = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (InputStream in = ldd.getInputStream()) {
            in.transferTo(text);
        }
        try {
            ldd.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running ldd", e);
        }
        TreeSet<String> libs = new TreeSet<>();
        Matcher m = LDD_PATH.matcher(text.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            if (!binaries.contains(Path.of(m.group(1)))) {
                libs.add(Path.of(m.group(1)).normalize().toString());
            }
        }
        if (libs.stream().noneMatch(l -> l.contains("ld-linux"))) {
            throw new IOException("ldd listed no dynamic loader for " + binaries.get(0) + ": " + text);
        }
        return libs;
    }

    private static void addTree(TarArchiveOutputStream out, Path root, String prefix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted().toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    directory(out, prefix + (rel.isEmpty() ? "" : rel + "/"), 0755, 0);
                } else {
                    boolean exec = Files.isExecutable(p) || rel.startsWith("bin/") || rel.endsWith(".so");
                    file(out, p, prefix + rel, exec ? 0755 : 0644);
                }
            }
        }
    }

    private static void directory(TarArchiveOutputStream out, String name, int mode, int owner) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | mode);
        e.setIds(owner, owner);
        e.setModTime(0);
        out.putArchiveEntry(e);
        out.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream out, Path source, String name, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(Files.size(source));
        e.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode);
        e.setIds(0, 0);
        e.setModTime(0);
        out.putArchiveEntry(e);
        Files.copy(source, out);
        out.closeArchiveEntry();
    }

    private static void digest(MessageDigest sha, Path file) throws IOException {
        sha.update(file.toString().getBytes(StandardCharsets.UTF_8));
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
