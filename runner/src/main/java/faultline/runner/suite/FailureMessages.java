package faultline.runner.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Caps failure messages. A test's message in results.json (what the student sees, and what is stored with the
 * result) keeps its first {@link #SHOWN} characters with a visible marker; past {@link #RUN_BUDGET} characters of
 * messages in one run, later ones keep only {@link #SHOWN_PAST_BUDGET}. The whole text of a cut message, up to
 * {@link #STAFF_CAP} characters, is written once beside results.json under {@link #FOLDER} for the course staff,
 * up to {@link #STAFF_RUN_BUDGET} characters for the whole run.
 * A 12 MB assertion message thus costs 16 KB in results.json and 1 MB on disk, not 24 MB of JSON.
 */
final class FailureMessages {

    static final String FOLDER = "messages";
    static final int SHOWN = 16 << 10;
    static final int SHOWN_PAST_BUDGET = 1 << 10;
    static final long RUN_BUDGET = 1L << 20;
    static final int STAFF_CAP = 1 << 20;
    static final long STAFF_RUN_BUDGET = 8L << 20;

    private final Path folder;
    private long shownSoFar;
    private long keptForStaff;

    FailureMessages(Path folder) {
        this.folder = folder;
    }

    /** The message as results.json keeps it; writes the full text for staff when it is cut. */
    String keep(String testId, long seed, String message) {
        int room = shownSoFar > RUN_BUDGET ? SHOWN_PAST_BUDGET : SHOWN;
        if (message.length() <= room) {
            shownSoFar += message.length();
            return message;
        }
        String file = testId.replace('#', '.') + ".seed-" + seed + ".txt";
        shownSoFar += room;
        String head = message.substring(0, room) + "\n[message truncated: showing the first " + room + " of "
                + message.length() + " characters";
        int staffLength = Math.min(STAFF_CAP, message.length());
        if (keptForStaff + staffLength > STAFF_RUN_BUDGET) {
            return head + "]";
        }
        String staff = message.length() <= STAFF_CAP ? message
                : message.substring(0, STAFF_CAP) + "\n[message cut at " + STAFF_CAP + " of " + message.length()
                        + " characters]\n";
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(file), staff, StandardCharsets.UTF_8);
            keptForStaff += staffLength;
            return head + "; the course staff have the first " + staffLength + " in " + FOLDER + "/" + file + "]";
        } catch (IOException e) {
            return head + "]";
        }
    }
}
