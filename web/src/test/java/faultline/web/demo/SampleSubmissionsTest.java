package faultline.web.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's Lab 4 samples: every package of the lab in each, and a real planted bug in the buggy one. */
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
}
