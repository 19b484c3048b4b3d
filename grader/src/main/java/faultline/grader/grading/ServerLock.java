package faultline.grader.grading;

import faultline.grader.store.StorageProblem;
import faultline.grader.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * One server per data folder. The first server holds an OS lock on {@code server.lock} in the folder for as long
 * as its process lives (the OS lets go when the process ends, however it ends, so a killed server leaves no
 * stale lock), and writes its pid and start time into the file; a second server finds the lock taken and says
 * whose it is. Command-line grading beside a server is still allowed: jobs are shared through leases.
 */
public final class ServerLock implements AutoCloseable {

    static final String FILE = "server.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private ServerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the folder's lock, or throws with a sentence naming the process that holds it. */
    public static ServerLock take(DataFolder data, Clock clock) {
        Path file = data.root().resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(data.root());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new StoreException("Another Faultline server (" + (holder.isEmpty() ? "starting up" : holder)
                        + ") is already using the data folder " + data.root().toAbsolutePath() + ". Stop it first, "
                        + "or pass --data with another folder; two servers on one folder would share its queue "
                        + "and database without knowing of each other.");
            }
            channel.truncate(0);
            ProcessHandle self = ProcessHandle.current();
            String started = self.info().startInstant().orElse(clock.instant()).toString();
            channel.write(ByteBuffer.wrap(("pid " + self.pid() + ", started " + started + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new ServerLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException(StorageProblem.diagnose(data.root(), e).orElse("Could not lock the data folder "
                    + data.root().toAbsolutePath() + " (" + e.getMessage() + "). Check that it is a writable folder."),
                    e);
        }
    }

    /** Lets go of the folder; the file stays, and the next server overwrites what it says. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases it as well.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing left to do; the OS frees it when the process ends.
            }
        }
    }
}
