package faultline.web.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo's samples: every package of the lab in each, and a real planted bug in every lab's buggy one. */
class SampleSubmissionsTest {

    /** The repository root, whether the test runs from it or from the web module. */
    private static Path home() {
        return Files.isDirectory(Path.of("reference-impl")) ? Path.of("") : Path.of("..");
    }

    @Test
    void shardkvSamplesCarryPaxosAndAPlantedBug(@TempDir Path scratch) throws Exception {
        List<SampleSubmissions.Sample> samples = SampleSubmissions.of(home(), "shardkv", scratch);
        assertEquals(List.of("reference", "skeleton", "buggy (the at-most-once table stays behind when a shard moves)"),
                samples.stream().map(SampleSubmissions.Sample::kind).toList());
        for (SampleSubmissions.Sample sample : samples) {
            for (String labPackage : List.of("paxos", "kv", "shardkv")) {
                assertTrue(Files.isDirectory(sample.folder().resolve("faultline/labs").resolve(labPackage)),
                        sample.kind() + " should carry the " + labPackage + " package");
            }
        }
        String buggy = Files.readString(samples.get(2).folder().resolve("faultline/labs/shardkv/ShardServer.java"));
        String reference = Files.readString(samples.get(0).folder().resolve("faultline/labs/shardkv/ShardServer.java"));
        assertTrue(buggy.contains("planted bug"), "the buggy sample should hold the planted bug");
        assertFalse(reference.contains("planted bug"), "the reference sample must be the reference");
        assertTrue(Files.readString(samples.get(1).folder().resolve("faultline/labs/shardkv/ShardServer.java"))
                .contains("TODO"), "the skeleton sample should be the skeleton");
    }

    /** Every lab's buggy sample is the reference with exactly one file changed, and that change is a planted bug. */
    @ParameterizedTest
    @ValueSource(strings = {"pingpong", "mapreduce", "pbkv", "paxoskv", "shardkv"})
    void everyLabsBuggySampleIsTheReferenceWithOneRealBug(String lab, @TempDir Path scratch) throws Exception {
        List<SampleSubmissions.Sample> samples = SampleSubmissions.of(home(), lab, scratch);
        assertEquals(3, samples.size(), lab + " should have three samples");
        assertTrue(samples.get(2).kind().startsWith("buggy (") && samples.get(2).kind().endsWith(")"),
                lab + "'s buggy sample should say which bug it holds: " + samples.get(2).kind());
        Path reference = samples.get(0).folder();
        Path buggy = samples.get(2).folder();
        List<Path> changed;
        try (Stream<Path> files = Files.walk(buggy)) {
            changed = files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return Files.mismatch(file, reference.resolve(buggy.relativize(file).toString())) >= 0;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertEquals(1, changed.size(), lab + "'s buggy sample should differ from the reference in one file: " + changed);
        assertTrue(Files.readString(changed.get(0)).contains("planted bug"), changed.get(0) + " should hold the bug");
    }
}
