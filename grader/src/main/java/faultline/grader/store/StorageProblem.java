package faultline.grader.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What is wrong with a data folder that cannot be written, said so that the person who started Faultline knows
 * what to do: a read-only file system, a full disk, no permission, the database locked by another process, or
 * a file where a folder should be. Found from the folder itself and from what SQLite answered.
 */
public enum StorageProblem {

    NOT_A_FOLDER("%s cannot be the data folder: %s is a file, not a folder. Pass --data with a folder."),
    READ_ONLY("The data folder %s is on a read-only file system, so Faultline cannot write its database there. "
            + "Remount it read-write, or pass --data with a writable folder; nothing stored there is lost."),
    DISK_FULL("The disk holding the data folder %s is full, so Faultline cannot write its database. Free some space "
            + "there (or move the folder to a disk with room and pass --data); nothing stored so far is lost."),
    PERMISSION_DENIED("Faultline may not write to the data folder %s (permission denied). Give the user running it "
            + "write access to the folder and the files in it, or pass --data with a folder it owns."),
    LOCKED("The database in the data folder %s is locked by another process. Stop the other program using it "
            + "(another Faultline, or a tool holding faultline.db open) and try again.");

    /** Less room than this on the data folder's disk counts as full: SQLite cannot grow its files in it. */
    private static final long ALMOST_FULL = 256 * 1024;

    private final String sentence;

    StorageProblem(String sentence) {
        this.sentence = sentence;
    }

    /** The sentences for {@code folder}; {@code detail} fills the second blank where there is one. */
    public String describe(Path folder, String detail) {
        return String.format(sentence, folder.toAbsolutePath(), detail);
    }

    /** What went wrong when {@code failure} stopped Faultline writing under {@code folder}, if it is one of these. */
    public static Optional<String> diagnose(Path folder, Throwable failure) {
        Path absolute = folder.toAbsolutePath().normalize();
        Optional<Path> file = fileInThePath(absolute);
        if (file.isPresent()) {
            return Optional.of(NOT_A_FOLDER.describe(absolute, file.get().toString()));
        }
        Path existing = nearestExisting(absolute);
        try {
            FileStore store = Files.getFileStore(existing);
            if (store.isReadOnly()) {
                return Optional.of(READ_ONLY.describe(absolute, ""));
            }
        } catch (IOException e) {
            // Not telling; what SQLite said may still be.
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                Optional<StorageProblem> problem = of(sqlite.getResultCode());
                if (problem.isPresent()) {
                    return Optional.of(problem.get().describe(absolute, ""));
                }
            }
            if (t instanceof NotDirectoryException || t instanceof FileSystemException f
                    && f.getReason() != null && f.getReason().contains("Not a directory")) {
                return Optional.of(NOT_A_FOLDER.describe(absolute, existing.toString()));
            }
            if (t instanceof java.nio.file.AccessDeniedException) {
                return Optional.of(PERMISSION_DENIED.describe(absolute, ""));
            }
        }
        if (!Files.isWritable(existing)) {
            return Optional.of(PERMISSION_DENIED.describe(absolute, ""));
        }
        try {
            // A full disk can also surface as an I/O error or a file SQLite could not create.
            if (Files.getFileStore(existing).getUsableSpace() < ALMOST_FULL) {
                return Optional.of(DISK_FULL.describe(absolute, ""));
            }
        } catch (IOException e) {
            // Then there is nothing more to tell.
        }
        return Optional.empty();
    }

    private static Optional<StorageProblem> of(SQLiteErrorCode code) {
        // Extended result codes carry the primary code in their low byte.
        return switch (code.code & 0xff) {
            case 8 -> Optional.of(READ_ONLY);           // SQLITE_READONLY
            case 13 -> Optional.of(DISK_FULL);          // SQLITE_FULL
            case 3, 23 -> Optional.of(PERMISSION_DENIED); // SQLITE_PERM, SQLITE_AUTH
            case 5, 6 -> Optional.of(LOCKED);           // SQLITE_BUSY, SQLITE_LOCKED
            default -> Optional.empty();
        };
    }

    /** A regular file standing where one of the folder's ancestors (or the folder itself) should be. */
    private static Optional<Path> fileInThePath(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? Optional.empty() : Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Path nearestExisting(Path folder) {
        Path p = folder;
        while (p.getParent() != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }
}
