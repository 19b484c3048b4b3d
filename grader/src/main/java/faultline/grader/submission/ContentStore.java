package faultline.grader.submission;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Validated sources kept by the SHA-256 of a canonical tar (entries sorted, times, owners and modes
 * fixed), so equal sources are stored once whatever archive they came in. A file is written to a
 * temporary name, forced to disk and renamed into place; an existing file is never overwritten and
 * nothing is ever deleted.
 */
public final class ContentStore {

    private final Path root;

    public ContentStore(Path root) {
        this.root = root;
    }

    /** Stores the sources (if not already there) and returns their content hash. */
    public String put(ValidatedSubmission submission) throws IOException {
        byte[] canonical = canonicalTar(submission.files());
        String hash = sha256(canonical);
        Path target = pathOf(hash);
        if (Files.exists(target)) {
            return hash;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + hash.substring(0, 8), ".partial");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(canonical));
                channel.force(true);
            }
            try {
                // ATOMIC_MOVE without REPLACE_EXISTING: on Linux rename(2) would replace silently, so check first;
                // the content is identical anyway when two writers race on one hash.
                if (!Files.exists(target)) {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                if (!Files.exists(target)) {
                    throw e;
                }
            }
            forceDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
        return hash;
    }

    /** The hash {@link #put} would store these sources under. */
    public static String hashOf(ValidatedSubmission submission) {
        try {
            return sha256(canonicalTar(submission.files()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public boolean contains(String hash) {
        return Files.exists(pathOf(hash));
    }

    public Path pathOf(String hash) {
        if (!hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256 content hash: " + hash);
        }
        return root.resolve(hash.substring(0, 2)).resolve(hash + ".tar");
    }

    /** The stored sources as stored (a canonical tar), checked against their hash. */
    public byte[] bytesOf(String hash) throws IOException {
        byte[] bytes = Files.readAllBytes(pathOf(hash));
        if (!sha256(bytes).equals(hash)) {
            throw new IOException("The stored sources " + pathOf(hash) + " do not match their hash; the file was "
                    + "changed on disk. Restore it from a backup.");
        }
        return bytes;
    }

    /**
     * Stores sources as {@link #bytesOf} gave them (from another host's store, through the shared database), after
     * checking them against their hash.
     */
    public void putBytes(String hash, byte[] canonical) throws IOException {
        if (!sha256(canonical).equals(hash)) {
            throw new IOException("The shared copy of sources " + hash + " does not match its hash; it was changed "
                    + "in the database. Regrade from a host that still has the original.");
        }
        Path target = pathOf(hash);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + hash.substring(0, 8), ".partial");
        try {
            Files.write(temp, canonical);
            if (!Files.exists(target)) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (FileAlreadyExistsException e) {
            // Another worker of this host fetched the same sources first; they are identical.
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The stored sources, checked against their hash. */
    public Map<String, byte[]> read(String hash) throws IOException {
        byte[] bytes = bytesOf(hash);
        Map<String, byte[]> files = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(bytes))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                files.put(entry.getName(), tar.readAllBytes());
            }
        }
        return files;
    }

    /** Writes the stored sources under {@code target} (a fresh folder) for a sandbox to compile. */
    public void unpack(String hash, Path target) throws IOException {
        write(read(hash), target);
    }

    /** Writes validated sources under {@code target} (a fresh folder) without storing them: a replay of a folder or archive. */
    public static void unpack(ValidatedSubmission sources, Path target) throws IOException {
        write(sources.files(), target);
    }

    private static void write(Map<String, byte[]> files, Path target) throws IOException {
        Path base = target.toAbsolutePath().normalize();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = base.resolve(file.getKey()).normalize();
            if (!path.startsWith(base)) {
                throw new IOException("Stored entry " + file.getKey() + " escapes its folder; the store is damaged.");
            }
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue(), StandardOpenOption.CREATE_NEW);
        }
    }

    static byte[] canonicalTar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setModTime(0L);
                entry.setMode(0100644);
                entry.setIds(0, 0);
                entry.setNames("", "");
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static void forceDirectory(Path directory) {
        // Makes the rename itself durable; some file systems refuse to open a folder for this, which is harmless.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // best effort: the data file itself was already forced
        }
    }

}
