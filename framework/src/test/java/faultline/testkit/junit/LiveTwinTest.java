package faultline.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import faultline.framework.Address;
import faultline.framework.Node;
import faultline.framework.cluster.Cluster;
import faultline.framework.live.LiveCluster;
import faultline.framework.sim.Simulation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * A live test is decided by its simulated twin: the same test on the same seed with the live cluster replaced by a
 * simulation. The tests below are run by the engine, not on their own; each fails where it says, so that every
 * combination of live and simulated outcomes is seen.
 */
class LiveTwinTest {

    static Cluster started(TestRun run) {
        Cluster cluster = run.live(LiveCluster::inMemory);
        cluster.add(Address.of("n1"), a -> new Node(a) {
            @Override
            protected void init() {
                note("up on seed " + run.seed());
            }
        });
        cluster.runFor(5);
        return cluster;
    }

    static class Live {
        @SeededTest
        void failsLiveOnly(TestRun run) {
            if (started(run) instanceof LiveCluster) {
                throw new AssertionError("the echo came back late over the live network");
            }
        }

        @SeededTest
        void failsInTheSimulatorOnly(TestRun run) {
            if (started(run) instanceof Simulation) {
                throw new AssertionError("a stale answer was taken on seed " + run.seed());
            }
        }

        @SeededTest
        void failsInBoth(TestRun run) {
            started(run);
            throw new AssertionError("the client never resends");
        }

        @SeededTest
        void passesInBoth(TestRun run) {
            started(run);
        }
    }

    private static Events run(String method, Path traces) {
        System.setProperty(SeededTestExtension.TRACE_DIR, traces.toString());
        System.setProperty("faultline.seeds", "2");
        try {
            return EngineTestKit.engine("junit-jupiter")
                    .selectors(selectMethod(Live.class, method, TestRun.class.getName())).execute().testEvents();
        } finally {
            System.clearProperty(SeededTestExtension.TRACE_DIR);
            System.clearProperty("faultline.seeds");
        }
    }

    /** Each seed's outcome, and the failure's message or the live-only note, by display name. */
    private static Map<String, String> outcomes(Events events) {
        Map<String, String> outcomes = new TreeMap<>();
        for (Event finished : events.finished().list()) {
            TestExecutionResult result = finished.getPayload(TestExecutionResult.class).orElseThrow();
            String seed = finished.getTestDescriptor().getDisplayName();
            outcomes.put(seed, result.getStatus() + ": " + result.getThrowable().map(Throwable::getMessage).orElse(""));
        }
        for (Event published : events.reportingEntryPublished().list()) {
            String seed = published.getTestDescriptor().getDisplayName();
            String note = published.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()
                    .get(SeededTestExtension.LIVE_ONLY_FAILURE);
            outcomes.merge(seed, note, String::concat);
        }
        return outcomes;
    }

    @Test
    void aFailureOverTheLiveRuntimeOnlyIsReportedAndNotCounted(@TempDir Path traces) {
        Map<String, String> outcomes = outcomes(run("failsLiveOnly", traces));
        assertEquals(List.of("seed=1", "seed=2"), List.copyOf(outcomes.keySet()));
        for (String seed : List.of("seed=1", "seed=2")) {
            String outcome = outcomes.get(seed);
            assertTrue(outcome.startsWith("SUCCESSFUL: In the live run (real time, a real network) this seed failed:"
                    + " the echo came back late over the live network\nThe same test run in the simulator on the same seed passed, and the"
                    + " simulator decides a live test's points, so this failure is not counted."), outcome);
        }
    }

    @Test
    void aFailureOfTheTwinCountsAndReplaysInTheSimulatorEvenWhereTheLiveRunPassed(@TempDir Path traces) {
        Map<String, String> outcomes = outcomes(run("failsInTheSimulatorOnly", traces));
        String outcome = outcomes.get("seed=2");
        assertTrue(outcome.startsWith("FAILED: a stale answer was taken on seed 2"), outcome);
        assertTrue(outcome.contains("replay:   mvn test -Dtest=Live#failsInTheSimulatorOnly -Dfaultline.seed=2"),
                outcome);
        assertTrue(outcome.contains("live:     the live run of this seed passed; the simulator, running the same test"
                + " on the same seed, fails it"), outcome);
        assertTrue(outcome.contains(traces.resolve("Live.failsInTheSimulatorOnly.seed-2.html").toString()),
                "the simulator's trace is written, as for any simulated failure: " + outcome);
    }

    @Test
    void aFailureSeenInBothRuntimesCountsAndSaysSo(@TempDir Path traces) {
        Map<String, String> outcomes = outcomes(run("failsInBoth", traces));
        String outcome = outcomes.get("seed=1");
        assertTrue(outcome.startsWith("FAILED: the client never resends"), outcome);
        assertTrue(outcome.contains("live:     the live run of this seed failed too: the client never resends"),
                outcome);
        assertEquals(Map.of("seed=1", "SUCCESSFUL: ", "seed=2", "SUCCESSFUL: "),
                outcomes(run("passesInBoth", traces)), "a pass in both runtimes is a plain pass");
    }
}
