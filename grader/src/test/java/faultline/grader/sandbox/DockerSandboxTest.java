package faultline.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import faultline.runner.report.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hostile corpus through Docker, and what only a container can show: the lock-down and the OOM kill. */
class DockerSandboxTest extends HostileCorpusContract {

    private static DockerSandbox sandbox;
    private static RunnerDistribution distribution;

    @BeforeAll
    static void open() throws Exception {
        distribution = SandboxFixtures.echoDistribution();
        sandbox = SandboxFixtures.dockerOrSkip(distribution, RunnerJvm.defaults());
    }

    @AfterAll
    static void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Override
    Sandbox sandbox() {
        return sandbox;
    }

    @Test
    void theContainerIsLockedDown() {
        HostConfig host = sandbox.hostConfig(LIMITS);
        assertEquals("none", host.getNetworkMode());
        assertEquals(LIMITS.memoryBytes(), host.getMemory());
        assertEquals(LIMITS.memoryBytes(), host.getMemorySwap(), "no swap on top of memory");
        assertEquals(1_000_000_000L, host.getNanoCPUs());
        assertEquals(128L, host.getPidsLimit());
        assertEquals(List.of(Capability.ALL), List.of(host.getCapDrop()));
        assertEquals(List.of("no-new-privileges"), host.getSecurityOpts());
        assertTrue(host.getReadonlyRootfs());
        assertTrue(host.getTmpFs().get("/tmp").contains("size=" + LIMITS.tmpfsBytes()));
        // /work is a volume with no size of its own: no file written there may pass the artifacts cap, no cores.
        assertTrue(List.of(host.getUlimits()).stream().anyMatch(u -> u.getName().equals("fsize")
                && u.getHard() == 64L << 20), List.of(host.getUlimits())::toString);
        assertTrue(List.of(host.getUlimits()).stream().anyMatch(u -> u.getName().equals("core") && u.getHard() == 0));
    }

    /** A probe run in the same container set-up, outside the runner, looks at what a submission would get. */
    @Test
    void fromInsideThereIsNoNetworkNoRootAndNoWritableRoot() throws Exception {
        String seen = sandbox.probe(LIMITS, SandboxFixtures.resource("Probe.java"));
        assertTrue(seen.contains("uid=65534"), seen);
        assertTrue(seen.contains("interfaces=[lo]"), seen);
        assertTrue(seen.contains("root=read-only"), seen);
        assertTrue(seen.contains("tmp=writable"), seen);
        assertTrue(seen.contains("capabilities=0000000000000000"), seen);
    }

    @Test
    void containersAreRemovedAfterEveryRun() throws Exception {
        for (String submission : List.of("good", "bomb", "exit")) {
            grade(submission, LIMITS);
            String id = sandbox.lastContainer();
            assertFalse(id.isEmpty());
            assertFalse(sandbox.exists(id), "container of " + submission + " left behind");
        }
    }

    /** Without the JVM's own heap cap the engine's memory limit stops the bomb: the kernel's OOM kill. */
    @Test
    void anAllocationBombPastTheContainerLimitIsKilledAndReportedAsOutOfMemory() throws Exception {
        try (DockerSandbox uncapped = DockerSandbox.connect(distribution,
                new RunnerJvm(4.0, Stream.concat(Stream.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                        RunnerJvm.LAB_CODE_FLAGS.stream()).toList()))) {
            SandboxLimits small = new SandboxLimits(160L << 20, 1.0, 128, Duration.ofSeconds(60), Duration.ofSeconds(30),
                    8L << 10, 64L << 20);
            SandboxOutcome outcome = uncapped.grade(new SandboxRequest("echo", SandboxFixtures.submission("bomb"),
                    List.of(1L), small, artifacts.resolve("oom-kill")));
            assertEquals(Verdict.OUT_OF_MEMORY, outcome.verdict(), outcome.message() + "\n" + outcome.log());
            assertTrue(outcome.log().indexOf("Terminating due to java.lang.OutOfMemoryError") < 0,
                    "the kernel killed it, not the JVM: " + outcome.log());
        }
        assertFullMarks();
    }

    /**
     * A grader killed mid-run leaves its container running with nobody to stop it. The next sandbox to connect
     * removes it, because the process its labels name is gone; a container of another live grader process on
     * this host stays (it may be mid-run), and so does nothing of a process whose pid was handed on.
     */
    @Test
    void theSweepRemovesADeadGradersRunningContainerAndLeavesALiveOnesAlone() throws Exception {
        Path sleeper = Files.createDirectories(artifacts.resolve("sleeper")).resolve("Sleeper.java");
        Files.writeString(sleeper, "class Sleeper { public static void main(String[] a) throws Exception {"
                + " Thread.sleep(120_000); } }\n");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        // Stands for a second grader on this host, e.g. `faultline batch` beside `faultline serve`.
        Process sibling = new ProcessBuilder("sleep", "120").start();
        SandboxOwner alive = SandboxOwner.of(sibling.toHandle());
        SandboxOwner dead = SandboxOwner.of(gone.toHandle());
        // The sibling's pid, but started an hour before it: the pid was reused, the old grader is gone.
        SandboxOwner reused = new SandboxOwner(alive.host(), alive.pid(),
                Optional.of(alive.started().orElseThrow().minus(Duration.ofHours(1))));
        List<String> made = new ArrayList<>();
        try {
            String orphan = sandbox.start(dead, LIMITS, sleeper);
            made.add(orphan);
            String live = sandbox.start(alive, LIMITS, sleeper);
            made.add(live);
            String handedOn = sandbox.start(reused, LIMITS, sleeper);
            made.add(handedOn);

            sandbox.sweepLeftovers();

            assertFalse(sandbox.exists(orphan), "the dead grader's container is swept");
            assertFalse(sandbox.exists(handedOn), "a reused pid does not keep a dead grader's container");
            assertTrue(sandbox.exists(live), "a live grader's running container must stay");
        } finally {
            made.forEach(sandbox::remove);
            sibling.destroyForcibly();
        }
    }
}
