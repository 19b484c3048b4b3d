package faultline.grader.submission;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import faultline.framework.LabPackages;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads a submission from a zip, a tar.gz or a folder and checks it before anything is stored.
 *
 * <p>What is accepted: Java sources of package {@code faultline.labs.<lab>} (or a sub-package), either in
 * their package folder {@code faultline/labs/<lab>/...} (optionally under {@code src/main/java/}) or at the
 * top of the archive with no folder at all, in which case their package line places them. READMEs and
 * {@code .txt}/{@code .md} notes are read, counted and dropped (the student is told); macOS
 * {@code __MACOSX/} and {@code .DS_Store} litter is dropped the same way. The whole handout folder, zipped as
 * it is, is accepted too: its sources are read from {@code src/main/java/} under any folder, and the handout's
 * own parts (tests, {@code pom.xml}, {@code target/} and other build output, the framework in {@code lib/},
 * {@code Submit.java}, IDE settings) are left out unread and named once per part. A multi-package lab must
 * hold at least one source of every package a student writes ({@link LabPackages#written}), and a source of
 * another lab's package is told which lab it belongs to. Everything else is refused with a
 * sentence saying what to change: other file kinds, files outside the package folder, absolute paths,
 * {@code ..}, backslashes, links, devices, duplicate entries, files or totals over the limits (counted while
 * inflating, never from headers), sources that are not UTF-8 or whose package line does not match.
 */
public final class SubmissionReader {

    private static final Pattern PACKAGE_LINE = Pattern.compile(
            "\\A\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*package\\s+([\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\s*\\.\\s*[\\p{L}_$][\\p{L}\\p{N}_$]*)*)\\s*;");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern LAB_NAME = Pattern.compile("[a-z][a-z0-9]*");
    private static final String SOURCE_ROOT_PREFIX = "src/main/java/";
    /** How many of the handout's own files (tests, build output) may come with each source a submission may hold. */
    private static final int HANDOUT_ENTRIES_PER_SOURCE = 20;

    private final SubmissionRules rules;

    public SubmissionReader(SubmissionRules rules) {
        this.rules = rules;
    }

    /** Reads a folder, a .zip or a .tar.gz from disk. */
    public ValidatedSubmission read(String lab, Path source) throws SubmissionRejectedException {
        checkLabName(lab);
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            return readFolder(lab, source);
        }
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new SubmissionRejectedException("There is no file or folder at " + source
                    + ". Give the path of a .zip, a .tar.gz or a folder of sources.");
        }
        try {
            if (Files.size(source) > rules.maxArchiveBytes()) {
                throw tooBigArchive(Files.size(source));
            }
            return read(lab, source.getFileName().toString(), Files.readAllBytes(source));
        } catch (IOException e) {
            throw new SubmissionRejectedException("Could not read " + source + " (" + e.getMessage()
                    + "). Check the file exists and is readable.", e);
        }
    }

    /** Reads an uploaded archive, recognised by its first bytes rather than its name. */
    public ValidatedSubmission read(String lab, String name, byte[] archive) throws SubmissionRejectedException {
        checkLabName(lab);
        if (archive.length > rules.maxArchiveBytes()) {
            throw tooBigArchive(archive.length);
        }
        if (archive.length >= 4 && archive[0] == 'P' && archive[1] == 'K'
                && ((archive[2] == 3 && archive[3] == 4) || (archive[2] == 5 && archive[3] == 6))) {
            return readZip(lab, name, archive);
        }
        if (archive.length >= 2 && (archive[0] & 0xff) == 0x1f && (archive[1] & 0xff) == 0x8b) {
            return readTarGz(lab, name, archive);
        }
        throw new SubmissionRejectedException(name + " is neither a zip nor a tar.gz archive. Pack your sources with "
                + "`zip -r handin.zip faultline` or `tar czf handin.tar.gz faultline` and submit that.");
    }

    private SubmissionRejectedException tooBigArchive(long size) {
        return new SubmissionRejectedException("The archive is " + size + " bytes, over the limit of "
                + rules.maxArchiveBytes() + " bytes. Submit only your lab's .java sources.");
    }

    private static void checkLabName(String lab) throws SubmissionRejectedException {
        if (!LAB_NAME.matcher(lab).matches()) {
            throw new SubmissionRejectedException("'" + lab + "' is not a lab name; lab names are lower-case letters "
                    + "and digits, like pbkv.");
        }
    }

    private ValidatedSubmission readZip(String lab, String name, byte[] archive) throws SubmissionRejectedException {
        Entries entries = new Entries(lab);
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(archive)).get()) {
            for (Enumeration<ZipArchiveEntry> e = zip.getEntriesInPhysicalOrder(); e.hasMoreElements(); ) {
                ZipArchiveEntry entry = e.nextElement();
                Kind kind = entry.isUnixSymlink() ? Kind.SYMLINK : entry.isDirectory() ? Kind.DIRECTORY : Kind.FILE;
                if (kind == Kind.FILE && !zip.canReadEntryData(entry)) {
                    throw new SubmissionRejectedException(entry.getName() + " in " + name + " is encrypted or packed "
                            + "with a method the grader cannot read. Make a plain zip (zip -r) and submit again.");
                }
                if (kind == Kind.FILE && entries.wants(entry.getName())) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        entries.add(entry.getName(), kind, in);
                    }
                } else {
                    entries.add(entry.getName(), kind, InputStream.nullInputStream());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw malformed(name, "zip", e);
        }
        return entries.finish();
    }

    private ValidatedSubmission readTarGz(String lab, String name, byte[] archive) throws SubmissionRejectedException {
        Entries entries = new Entries(lab);
        // The whole inflated stream is bounded too, so header blocks and padding cannot hide a bomb.
        long streamBound = rules.maxTotalBytes() + (rules.maxFiles() * 2L + 16) * 2048;
        try (InputStream gzip = new CappedInputStream(new GzipCompressorInputStream(
                new java.io.ByteArrayInputStream(archive), true), streamBound, () -> tooBigUnpacked());
             TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                // Devices and pipes first: commons-compress calls any entry whose name lacks a trailing slash a file.
                Kind kind = entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO() ? Kind.SPECIAL
                        : entry.isSymbolicLink() ? Kind.SYMLINK
                        : entry.isLink() ? Kind.HARDLINK
                        : entry.isDirectory() ? Kind.DIRECTORY
                        : entry.isFile() ? Kind.FILE : Kind.SPECIAL;
                entries.add(entry.getName(), kind, kind == Kind.FILE ? tar : InputStream.nullInputStream());
            }
        } catch (CappedInputStream.LimitReached e) {
            throw e.rejection();
        } catch (IOException | RuntimeException e) {
            if (e.getCause() instanceof CappedInputStream.LimitReached limit) {
                throw limit.rejection();
            }
            throw malformed(name, "tar.gz", e);
        }
        return entries.finish();
    }

    private ValidatedSubmission readFolder(String lab, Path root) throws SubmissionRejectedException {
        Entries entries = new Entries(lab);
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(p -> !p.equals(root)).sorted().toList();
        } catch (IOException e) {
            throw new SubmissionRejectedException("Could not list the folder " + root + " (" + e.getMessage()
                    + "). Check it is readable.", e);
        }
        for (Path path : paths) {
            String name = root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
            Kind kind = kindOf(path);
            try (InputStream in = kind == Kind.FILE && entries.wants(name) ? Files.newInputStream(path)
                    : InputStream.nullInputStream()) {
                entries.add(name, kind, in);
            } catch (IOException e) {
                throw new SubmissionRejectedException("Could not read " + path + " (" + e.getMessage() + ").", e);
            }
        }
        return entries.finish();
    }

    private static Kind kindOf(Path path) {
        if (Files.isSymbolicLink(path)) {
            return Kind.SYMLINK;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return Kind.DIRECTORY;
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return Kind.SPECIAL;
        }
        try {
            Object links = Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            if (links instanceof Integer n && n > 1) {
                return Kind.HARDLINK;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // No unix view here (not Linux/macOS): hard links cannot be told apart, and are read as files.
        }
        return Kind.FILE;
    }

    private SubmissionRejectedException tooBigUnpacked() {
        return new SubmissionRejectedException("The submission unpacks to more than " + rules.maxTotalBytes()
                + " bytes, over the limit. Submit only your lab's .java sources.");
    }

    private static SubmissionRejectedException malformed(String name, String format, Exception e) {
        if (e instanceof SubmissionRejectedException r) {
            return r;
        }
        String detail = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        return new SubmissionRejectedException(name + " could not be read as a " + format + " archive (" + detail
                + "). Create it again with `zip -r` or `tar czf` and submit again.", e);
    }

    private enum Kind { FILE, DIRECTORY, SYMLINK, HARDLINK, SPECIAL }

    /** Applies every per-entry rule in archive order and collects what is kept. */
    private final class Entries {
        private final String lab;
        private final String labFolder;
        private final Set<String> seen = new HashSet<>();
        private final TreeMap<String, byte[]> files = new TreeMap<>();
        private final List<String> dropped = new ArrayList<>();
        private final TreeMap<String, Integer> handoutParts = new TreeMap<>();
        private int fileEntries;
        private int handoutEntries;
        private long total;

        Entries(String lab) {
            this.lab = lab;
            this.labFolder = String.join(" or ", LabPackages.of(lab).stream().map(p -> "faultline/labs/" + p + "/").toList());
        }

        /** Whether an entry's bytes are worth reading: litter is dropped unread. */
        boolean wants(String rawName) {
            try {
                return !isLitter(rawName) && HandoutPart.of(normalise(rawName)).isEmpty();
            } catch (SubmissionRejectedException e) {
                return true; // add() refuses it with the reason
            }
        }

        void add(String rawName, Kind kind, InputStream content) throws SubmissionRejectedException {
            String name = normalise(rawName);
            if (kind == Kind.SYMLINK) {
                throw new SubmissionRejectedException(rawName + " is a symbolic link; links are not accepted. "
                        + "Put the file itself in the archive and submit again.");
            }
            if (kind == Kind.HARDLINK) {
                throw new SubmissionRejectedException(rawName + " is a hard link; links are not accepted. "
                        + "Put the file itself in the archive and submit again.");
            }
            if (kind == Kind.SPECIAL) {
                throw new SubmissionRejectedException(rawName + " is a device, pipe or other special file. "
                        + "Submit only your .java sources.");
            }
            if (name.isEmpty() || kind == Kind.DIRECTORY) {
                return;
            }
            if (!seen.add(name)) {
                throw new SubmissionRejectedException(rawName + " appears twice in the archive. Make a fresh archive "
                        + "with each file once and submit again.");
            }
            Optional<HandoutPart> part = HandoutPart.of(name);
            if (part.isPresent()) {
                // Build output can be many small files: bounded apart from the sources, and never read.
                if (++handoutEntries > rules.maxFiles() * HANDOUT_ENTRIES_PER_SOURCE) {
                    throw new SubmissionRejectedException("The submission has more than "
                            + rules.maxFiles() * HANDOUT_ENTRIES_PER_SOURCE + " files besides the sources. Delete "
                            + "target/ (mvn clean) or submit with `java Submit.java`, which sends only the sources.");
                }
                handoutParts.merge(part.get().label(), 1, Integer::sum);
                return;
            }
            if (++fileEntries > rules.maxFiles()) {
                throw new SubmissionRejectedException("The submission has more than " + rules.maxFiles()
                        + " files, over the limit. Submit only your lab's .java sources.");
            }
            if (isLitter(name)) {
                dropped.add(name);
                return;
            }
            byte[] bytes = readCapped(name, content);
            String base = name.substring(name.lastIndexOf('/') + 1);
            String lower = base.toLowerCase(Locale.ROOT);
            if (lower.startsWith("readme") || lower.endsWith(".txt") || lower.endsWith(".md")) {
                dropped.add(name);
                return;
            }
            if (!base.endsWith(".java")) {
                throw new SubmissionRejectedException(name + " is not a Java source. Only .java files of package"
                        + (LabPackages.of(lab).size() == 1 ? " " : "s ") + String.join(", ", LabPackages.qualified(lab))
                        + " are graded; remove it (and any .class or .jar files) and submit again.");
            }
            String text = utf8(name, bytes);
            String declared = packageOf(text).orElseThrow(() -> new SubmissionRejectedException(name
                    + " has no package line. Start it with `package " + String.join(";` or `package ",
                            LabPackages.qualified(lab)) + ";` and submit again."));
            String path = place(name, base, declared);
            if (files.containsKey(path)) {
                throw new SubmissionRejectedException(name + " would be placed at " + path
                        + ", where another file already is. Submit each class once, in its package folder.");
            }
            files.put(path, bytes);
        }

        private String place(String name, String base, String declared) throws SubmissionRejectedException {
            List<String> labPackages = LabPackages.qualified(lab);
            boolean inLabPackage = labPackages.stream()
                    .anyMatch(labPackage -> declared.equals(labPackage) || declared.startsWith(labPackage + "."));
            int sourceRoot = name.startsWith(SOURCE_ROOT_PREFIX) ? 0 : name.indexOf("/" + SOURCE_ROOT_PREFIX) + 1;
            String relative = sourceRoot > 0 || name.startsWith(SOURCE_ROOT_PREFIX)
                    ? name.substring(sourceRoot + SOURCE_ROOT_PREFIX.length()) : name;
            if (labPackages.stream().anyMatch(labPackage -> relative.startsWith(labPackage.replace('.', '/') + "/"))) {
                String folder = relative.substring(0, relative.lastIndexOf('/')).replace('/', '.');
                if (!folder.equals(declared)) {
                    throw new SubmissionRejectedException(name + " declares package " + declared + " but sits in folder "
                            + folder.replace('.', '/') + ". Make the package line and the folder agree and submit again.");
                }
                return relative;
            }
            if (!name.contains("/") && inLabPackage) {
                return declared.replace('.', '/') + "/" + base;
            }
            String packages = String.join(", ", labPackages);
            if (!inLabPackage) {
                String notOurs = name + " declares package " + declared + ", not "
                        + (labPackages.size() == 1 ? packages : "one of " + packages) + ". Lab " + lab
                        + " is graded from package" + (labPackages.size() == 1 ? " " : "s ") + packages + " only";
                List<String> owners = LabPackages.labsOf(declared);
                if (!owners.isEmpty()) {
                    throw new SubmissionRejectedException(notOurs + ", and " + declared + " is lab "
                            + String.join(" or lab ", owners) + "'s: this looks like a submission for "
                            + String.join(" or ", owners) + ". Submit it to that lab instead.");
                }
                throw new SubmissionRejectedException(notOurs + "; fix the package line.");
            }
            throw new SubmissionRejectedException(name + " is outside the lab's folder " + labFolder
                    + ". Put your sources in " + labFolder + " (or at the top of the archive) and submit again.");
        }

        private byte[] readCapped(String name, InputStream in) throws SubmissionRejectedException {
            long room = Math.min(rules.maxFileBytes(), rules.maxTotalBytes() - total);
            byte[] buffer = new byte[8192];
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try {
                int n;
                while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, room - out.size() + 1))) > 0) {
                    out.write(buffer, 0, n);
                    if (out.size() > room) {
                        break;
                    }
                }
            } catch (IOException e) {
                if (e instanceof CappedInputStream.LimitReached || e.getCause() instanceof CappedInputStream.LimitReached) {
                    throw tooBigUnpacked();
                }
                throw new SubmissionRejectedException(name + " could not be unpacked (" + e.getMessage()
                        + "). Create the archive again and submit again.", e);
            }
            if (out.size() > rules.maxFileBytes()) {
                throw new SubmissionRejectedException(name + " is over the limit of " + rules.maxFileBytes()
                        + " bytes for one file. Lab sources are small; check you are submitting the right file.");
            }
            if (out.size() > rules.maxTotalBytes() - total) {
                throw tooBigUnpacked();
            }
            total += out.size();
            return out.toByteArray();
        }

        ValidatedSubmission finish() throws SubmissionRejectedException {
            if (files.isEmpty()) {
                throw new SubmissionRejectedException("The submission has no Java sources for lab " + lab + ". Put your "
                        + ".java files in " + labFolder + " and submit again.");
            }
            List<String> missing = LabPackages.written(lab).stream()
                    .filter(p -> files.keySet().stream().noneMatch(f -> f.startsWith("faultline/labs/" + p + "/")))
                    .toList();
            if (!missing.isEmpty()) {
                List<String> folders = missing.stream().map(p -> "faultline/labs/" + p + "/").toList();
                throw new SubmissionRejectedException("The submission has no sources in " + String.join(" or ", folders)
                        + ". Lab " + lab + " is graded from your packages " + String.join(" and ",
                                LabPackages.written(lab).stream().map(p -> "faultline.labs." + p).toList())
                        + " together; put " + (missing.size() == 1 ? "that folder" : "those folders")
                        + " in the archive beside the others (`java Submit.java` in the handout sends them all) and"
                        + " submit again.");
            }
            List<String> notes = new ArrayList<>(dropped);
            handoutParts.forEach((part, count) -> notes.add(part + (count == 1 ? "" : " (" + count + " files)")));
            return new ValidatedSubmission(lab, files, notes);
        }
    }

    /**
     * A part of the handout folder that is not the student's solution, found by its place: the folder it sits
     * in (under any folder the handout was unpacked to, and above any {@code faultline/labs/} package folder)
     * or its name. {@code label} names the part as the student's archive has it, e.g.
     * {@code faultline-paxoskv/src/test/}.
     */
    record HandoutPart(String label) {

        private static final Set<String> FOLDERS = Set.of("target", ".mvn", ".idea", ".vscode", ".settings", ".git");
        private static final Set<String> FILES = Set.of("pom.xml", "Submit.java", "mvnw", "mvnw.cmd", ".gitignore",
                ".classpath", ".project");

        static Optional<HandoutPart> of(String name) {
            String[] parts = name.split("/");
            StringBuilder above = new StringBuilder();
            for (int i = 0; i < parts.length - 1; i++) {
                if (parts[i].equals("faultline") && parts[i + 1].equals("labs")
                        || parts[i].equals("src") && parts[i + 1].equals("main")) {
                    return Optional.empty();
                }
                if (FOLDERS.contains(parts[i])) {
                    return Optional.of(new HandoutPart(above + parts[i] + "/"));
                }
                if (parts[i].equals("src") && parts[i + 1].equals("test")) {
                    return Optional.of(new HandoutPart(above + "src/test/"));
                }
                if (parts[i].equals("lib") && i + 2 < parts.length && parts[i + 1].equals("dev")
                        && parts[i + 2].equals("faultline")) {
                    return Optional.of(new HandoutPart(above + "lib/"));
                }
                above.append(parts[i]).append('/');
            }
            String base = parts[parts.length - 1];
            return FILES.contains(base) || base.endsWith(".iml")
                    ? Optional.of(new HandoutPart(name)) : Optional.empty();
        }
    }

    private static boolean isLitter(String name) {
        return name.startsWith("__MACOSX/") || name.equals(".DS_Store") || name.endsWith("/.DS_Store");
    }

    /** Turns an entry name into a relative path with '/' separators, refusing anything that could escape. */
    private static String normalise(String rawName) throws SubmissionRejectedException {
        if (rawName.indexOf('\0') >= 0 || rawName.indexOf('\\') >= 0) {
            throw new SubmissionRejectedException("The entry '" + rawName.replace('\0', '?') + "' has a backslash or "
                    + "NUL in its name. Create the archive with zip or tar, which use '/' between folders.");
        }
        if (rawName.startsWith("/") || rawName.matches("^[A-Za-z]:.*")) {
            throw new SubmissionRejectedException(rawName + " is an absolute path. Archive your sources with paths "
                    + "relative to the source folder (faultline/labs/...) and submit again.");
        }
        List<String> parts = new ArrayList<>();
        for (String part : rawName.split("/")) {
            if (part.equals("..")) {
                throw new SubmissionRejectedException(rawName + " climbs out of the archive with '..'. Archive your "
                        + "sources with plain relative paths (faultline/labs/...) and submit again.");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private static String utf8(String name, byte[] bytes) throws SubmissionRejectedException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SubmissionRejectedException(name + " is not UTF-8 text. Save it as UTF-8 and submit again.", e);
        }
    }

    /**
     * The package a source declares, read by javac's own parser: javac translates unicode escapes before it
     * lexes, so a {@code \u000a} in a comment ends the comment and can bring a package line to light that a
     * reading of the text alone would not see. Where this JVM has no compiler, the escapes are translated here
     * and the comments stripped, as javac would.
     */
    static Optional<String> packageOf(String source) {
        if (ToolProvider.getSystemJavaCompiler() == null) {
            Matcher m = PACKAGE_LINE.matcher(COMMENTS.matcher(withUnicodeEscapesTranslated(source)).replaceAll(" "));
            return m.find() ? Optional.of(m.group(1).replaceAll("\\s", "")) : Optional.empty();
        }
        return parsed(source).flatMap(unit -> Optional.ofNullable(unit.getPackageName()))
                .map(name -> name.toString().replaceAll("\\s", ""));
    }

    /** The source as javac parses it; empty where this JVM has no compiler or javac cannot parse it at all. */
    static Optional<CompilationUnitTree> parsed(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return Optional.empty();
        }
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Submitted.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavacTask task = (JavacTask) javac.getTask(new PrintWriter(Writer.nullWriter()), null, diagnostic -> { },
                List.of("-proc:none"), null, List.of(file));
        try {
            for (CompilationUnitTree unit : task.parse()) {
                return Optional.of(unit);
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** JLS 3.3: each {@code \}{@code uXXXX} not preceded by an odd number of backslashes is the character XXXX. */
    static String withUnicodeEscapesTranslated(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length() && source.charAt(i + 1) == 'u' && precededByEvenBackslashes(out)) {
                int j = i + 1;
                while (j < source.length() && source.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= source.length() && source.substring(j, j + 4).chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                    out.append((char) Integer.parseInt(source.substring(j, j + 4), 16));
                    i = j + 4;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean precededByEvenBackslashes(StringBuilder before) {
        int n = 0;
        for (int k = before.length() - 1; k >= 0 && before.charAt(k) == '\\'; k--) {
            n++;
        }
        return n % 2 == 0;
    }
}
