package faultline.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running the demo twice starts a fresh one and keeps the old; it never takes over other data. */
class DemoCommandTest {

    static final Instant NOW = Instant.ofEpochMilli(1_000);

    @Test
    void aNewOrEmptyFolderIsUsedAsItIs(@TempDir Path temp) throws Exception {
        assertEquals(Optional.empty(), DemoCommand.makeRoom(temp.resolve("demo-data"), NOW));
        assertEquals(Optional.empty(), DemoCommand.makeRoom(Files.createDirectories(temp.resolve("empty")), NOW));
    }

    @Test
    void anEarlierDemoIsMovedAsideNotDeleted(@TempDir Path temp) throws Exception {
        Path data = Files.createDirectories(temp.resolve("demo-data"));
        Files.writeString(data.resolve(DemoCommand.DEMO_MARKER), "demo");
        Files.writeString(data.resolve("faultline.db"), "old");
        Path moved = DemoCommand.makeRoom(data, NOW).orElseThrow();
        assertEquals(temp.resolve("demo-data-1000"), moved);
        assertEquals("old", Files.readString(moved.resolve("faultline.db")));
        assertTrue(Files.notExists(data));
    }

    @Test
    void otherDataIsNeverTakenOver(@TempDir Path temp) throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.writeString(data.resolve("faultline.db"), "a real course");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DemoCommand.makeRoom(data, NOW));
        assertTrue(e.getMessage().contains("already holds data that a demo did not make"), e.getMessage());
        assertEquals("a real course", Files.readString(data.resolve("faultline.db")));
    }
}
