package faultline.grader.submission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {

    private static ValidatedSubmission sources(String body) {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("faultline/labs/pbkv/B.java", ("package faultline.labs.pbkv; class B {" + body + "}").getBytes(StandardCharsets.UTF_8));
        files.put("faultline/labs/pbkv/A.java", "package faultline.labs.pbkv; class A {}".getBytes(StandardCharsets.UTF_8));
        return new ValidatedSubmission("pbkv", new TreeMap<>(files), List.of());
    }

    @Test
    void equalSourcesShareOneHashAndRoundTrip(@TempDir Path dir) throws IOException {
        ContentStore store = new ContentStore(dir);
        String first = store.put(sources(""));
        String again = store.put(sources(""));
        assertEquals(first, again);
        assertNotEquals(first, store.put(sources("int x;")));
        Map<String, byte[]> back = store.read(first);
        assertArrayEquals(sources("").files().get("faultline/labs/pbkv/B.java"), back.get("faultline/labs/pbkv/B.java"));
        Path out = dir.resolve("unpacked");
        store.unpack(first, out);
        assertTrue(Files.exists(out.resolve("faultline/labs/pbkv/A.java")));
        try (var files = Files.list(store.pathOf(first).getParent())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".partial")), "no temp file left");
        }
    }

    @Test
    void detectsAStoredFileChangedOnDisk(@TempDir Path dir) throws IOException {
        ContentStore store = new ContentStore(dir);
        String hash = store.put(sources(""));
        Path file = store.pathOf(hash);
        file.toFile().setWritable(true);
        Files.write(file, new byte[] {1, 2, 3});
        assertTrue(assertThrows(IOException.class, () -> store.read(hash)).getMessage().contains("do not match"));
    }
}
