package faultline.suites;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The suites carry the course-provided lab files (those with nothing for a student to write) so the
 * runner can put them back over a submission's copies, and carry nothing a student must write.
 */
class ProvidedFilesTest {

    static Path provided() throws URISyntaxException {
        Path suites = Path.of(faultline.suites.pingpong.PingPongSuite.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI());
        return suites.resolve("provided").resolve("faultline").resolve("labs");
    }

    @Test
    void storageAndApplicationsAreProvidedAndSolutionsAreNot() throws Exception {
        Path labs = provided();
        assertTrue(Files.isRegularFile(labs.resolve("mapreduce/Storage.java")), "MapReduce's storage is the course's");
        assertTrue(Files.isRegularFile(labs.resolve("mapreduce/WordCount.java")));
        assertTrue(Files.isRegularFile(labs.resolve("pingpong/Echo.java")));
        assertFalse(Files.exists(labs.resolve("mapreduce/Coordinator.java")), "the coordinator is the student's to write");
        assertFalse(Files.exists(labs.resolve("pbkv/PBServer.java")));
    }

    @Test
    void shardkvCommandsAndConfigAreProvidedAndItsNodesAreNot() throws Exception {
        Path labs = provided();
        for (String file : List.of("Config.java", "Join.java", "Leave.java", "Move.java", "Query.java",
                "Configured.java", "Ok.java", "Refused.java")) {
            assertTrue(Files.isRegularFile(labs.resolve("shardkv").resolve(file)), file + " is the course's");
        }
        for (String file : List.of("Configurations.java", "Replica.java", "ShardMaster.java", "MasterClerk.java",
                "ShardServer.java", "ShardClerk.java", "Messages.java", "Timers.java")) {
            assertFalse(Files.exists(labs.resolve("shardkv").resolve(file)), file + " is the student's to write");
        }
    }

    @Test
    void noProvidedFileHoldsASolutionRegion() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(provided())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            assertFalse(read(file).contains("SOLUTION BEGIN"), file + " holds a solution and must not be provided");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
