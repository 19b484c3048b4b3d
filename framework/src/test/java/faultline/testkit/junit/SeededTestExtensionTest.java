package faultline.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import faultline.framework.Address;
import faultline.framework.Node;
import faultline.framework.fault.Scenario;
import faultline.framework.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

class SeededTestExtensionTest {

    /** Run by the engine below, not on its own: fails on seed 2 only. */
    static class FailsOnSeedTwo {
        @SeededTest
        void failsOnTwo(TestRun run) {
            Simulation sim = run.simulation();
            sim.add(Address.of("n1"), a -> new Node(a) {
                @Override
                protected void init() {
                    note("hello from seed " + run.seed());
                }
            });
            sim.apply(Scenario.named("lossy").at(0).drop(0.25).build());
            sim.runFor(10);
            if (run.seed() == 2) {
                throw new AssertionError("the value was wrong");
            }
        }
    }

    /** Run by the engine below, not on its own: fails before any node does anything. */
    static class FailsBeforeAnythingHappens {
        @SeededTest
        void failsAtOnce(TestRun run) {
            run.simulation();
            throw new AssertionError("instance 0 should be decided at all three peers");
        }
    }

    @Test
    void aTestThatFailsBeforeAnythingHappensStillGetsItsChart(@TempDir Path traces) throws Exception {
        System.setProperty(SeededTestExtension.TRACE_DIR, traces.toString());
        try {
            EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailsBeforeAnythingHappens.class)).execute();
            Path chart = traces.resolve("FailsBeforeAnythingHappens.failsAtOnce.seed-1.html");
            assertTrue(Files.exists(chart), "no chart among " + java.util.Arrays.toString(traces.toFile().list()));
            String page = Files.readString(chart);
            assertTrue(page.contains("Nothing happened in the run before the failure"), page);
            assertTrue(page.contains("instance 0 should be decided at all three peers"), page);
        } finally {
            System.clearProperty(SeededTestExtension.TRACE_DIR);
        }
    }

    @Test
    void eachSeedRunsAndAFailureSaysHowToReplayIt(@TempDir Path traces) throws Exception {
        System.setProperty(SeededTestExtension.TRACE_DIR, traces.toString());
        try {
            List<Event> finished = new ArrayList<>();
            EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(FailsOnSeedTwo.class))
                    .execute()
                    .testEvents()
                    .finished()
                    .stream()
                    .forEach(finished::add);
            assertEquals(3, finished.size(), "one run per default seed");
            Event failed = finished.stream()
                    .filter(e -> e.getTestDescriptor().getDisplayName().equals("seed=2"))
                    .findFirst().orElseThrow();
            Throwable thrown = failed.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .orElseThrow().getThrowable().orElseThrow();
            String message = thrown.getMessage();
            assertTrue(thrown instanceof AssertionError);
            assertTrue(message.startsWith("the value was wrong"), message);
            assertTrue(message.contains("seed:     2"), message);
            assertTrue(message.contains("\"lossy\": at 0ms drop 25% on all links"), message);
            assertTrue(message.contains("mvn test -Dtest=FailsOnSeedTwo#failsOnTwo -Dfaultline.seed=2"), message);
            Path trace = traces.resolve("FailsOnSeedTwo.failsOnTwo.seed-2.json");
            assertTrue(Files.exists(trace), "the failing run's trace is written: " + message);
            String json = Files.readString(trace);
            assertTrue(json.contains("hello from seed 2"), json);
            assertTrue(json.contains("\"seed\":\"2\""), json);
            assertTrue(json.contains("\"failure\":\"the value was wrong"), json);
            Path chart = traces.resolve("FailsOnSeedTwo.failsOnTwo.seed-2.html");
            assertTrue(message.contains(chart + " (message-sequence chart"), message);
            String page = Files.readString(chart);
            assertTrue(page.contains("<svg") && page.contains("id=\"failure\""), "the chart marks the failure");
            assertTrue(page.contains("The test failed here: the value was wrong"), page);
            assertTrue(page.contains("mvn test -Dtest=FailsOnSeedTwo#failsOnTwo -Dfaultline.seed=2"), page);
        } finally {
            System.clearProperty(SeededTestExtension.TRACE_DIR);
        }
    }
    @Test
    void aSentenceLosesJUnitsBooleanExpectation() {
        assertEquals("the client never answered", SeededTestExtension.plainMessage(
                new org.opentest4j.AssertionFailedError("the client never answered ==> expected: <true> but was: <false>")));
        RuntimeException fromLabCode = new UnsupportedOperationException("TODO: implement View.view");
        fromLabCode.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("faultline.labs.pbkv.View", "view", "View.java", 7)});
        assertEquals("The lab code threw UnsupportedOperationException: TODO: implement View.view",
                SeededTestExtension.plainMessage(fromLabCode));
        assertEquals("View.view(View.java:7)", SeededTestExtension.where(fromLabCode.getStackTrace()[0]));
        assertEquals("the live runtime failed", SeededTestExtension.plainMessage(
                new IllegalStateException("the live runtime failed", fromLabCode)));
        assertEquals("expected: <3> but was: <4>", SeededTestExtension.plainMessage(
                new org.opentest4j.AssertionFailedError("expected: <3> but was: <4>")));
    }

    @Test
    void longComparedValuesAreShownFromTheirFirstDifference() {
        String common = "x0.0y".repeat(60);
        String expected = common + "x3.49y" + "x4.0y".repeat(40);
        String actual = common + "x4.0y".repeat(40);
        String message = SeededTestExtension.plainMessage(new org.opentest4j.AssertionFailedError(
                "the chain of key k ==> expected: <" + expected + "> but was: <" + actual + ">", expected, actual));
        assertEquals("the chain of key k\nexpected and actual first differ at character 301 (expected has "
                + expected.length() + " characters, actual " + actual.length() + "):\n"
                + "  expected: …" + expected.substring(261, 381) + "…\n"
                + "  actual:   …" + actual.substring(261, 381) + "…", message);
        assertTrue(message.contains("x3.49y"), message);
        assertTrue(message.length() < 500, "long values are not printed whole: " + message.length());
        assertEquals("short ==> expected: <3> but was: <4>", SeededTestExtension.plainMessage(
                new org.opentest4j.AssertionFailedError("short ==> expected: <3> but was: <4>", 3, 4)));
    }

    /** A copy of what lab code threw, made for safe reading, prints as the original: no copy's class name shows. */
    @Test
    void whatLabCodeThrewIsNamedByItsOwnSimpleName() {
        RuntimeException copy = new RuntimeException("java.lang.IllegalStateException: boom") {
            @Override
            public String toString() {
                return getMessage();
            }
        };
        copy.setStackTrace(new StackTraceElement[] {new StackTraceElement("faultline.labs.paxos.Paxos", "start",
                "Paxos.java", 9)});
        assertEquals("The lab code threw IllegalStateException: boom", SeededTestExtension.plainMessage(copy));
        assertEquals("NodeFailure: p1 threw", SeededTestExtension.simpleNamed(
                "faultline.framework.cluster.NodeFailure: p1 threw"));
    }

    @Test
    void theJdksPlumbingIsLeftOutOfAFailuresFrames() {
        RuntimeException thrown = new IllegalStateException("x", new RuntimeException("y"));
        StackTraceElement lab = new StackTraceElement("faultline.labs.paxos.Paxos", "start", "Paxos.java", 9);
        StackTraceElement stream = new StackTraceElement("java.util.stream.ReferencePipeline$3$1", "accept", null, 1);
        StackTraceElement junit = new StackTraceElement("org.junit.platform.X", "run", null, 1);
        thrown.setStackTrace(new StackTraceElement[] {lab, stream, junit});
        thrown.getCause().setStackTrace(new StackTraceElement[] {stream, lab});
        SeededTestExtension.trimFrames(thrown);
        assertEquals(List.of(lab), List.of(thrown.getStackTrace()));
        assertEquals(List.of(lab), List.of(thrown.getCause().getStackTrace()));
    }

    @Test
    void labFramesComeFromTheDeepestCauseThrownInLabCode() {
        RuntimeException thrown = new UnsupportedOperationException("TODO: implement PingClient.hasResult");
        thrown.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("faultline.labs.pingpong.PingClient", "hasResult", "PingClient.java", 42),
            new StackTraceElement("faultline.framework.sim.Simulation", "deliver", "Simulation.java", 240),
        });
        RuntimeException wrapped = new IllegalStateException("client0 threw", thrown);
        assertEquals(List.of(new StackTraceElement("faultline.labs.pingpong.PingClient", "hasResult",
                "PingClient.java", 42)), SeededTestExtension.labFrames(wrapped));
        assertEquals(List.of(), SeededTestExtension.labFrames(new IllegalStateException("no lab code")));
    }
}
