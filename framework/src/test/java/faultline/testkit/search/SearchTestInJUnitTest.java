package faultline.testkit.search;

import static faultline.testkit.search.Toys.CLIENT;
import static faultline.testkit.search.Toys.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import faultline.framework.sim.Simulation;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.SeededTestExtension;
import faultline.testkit.junit.TestRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

class SearchTestInJUnitTest {

    /** Run by the engine below, not on its own: a search test over a counter that counts resends twice. */
    static class CountsTwice {
        @SeededTest
        void eachIncrementCountedOnce(TestRun test) {
            Simulation sim = Simulation.seeded(test.seed());
            sim.add(SERVER, a -> new Toys.Counter(a, false));
            sim.add(CLIENT, Toys.Incrementer::new);
            sim.apply(faultline.framework.fault.Scenario.named("slow start")
                    .at(0).delay(faultline.framework.fault.Delay.between(7, 7)).build());
            sim.runFor(1);
            long start = sim.now();
            Search.from(sim)
                    .commands(CLIENT, new Toys.Increment(1))
                    .prune(StatePredicate.named("one resend at most", s -> s.clock(CLIENT) > start + 10))
                    .invariant(StatePredicate.named("each increment is counted once",
                            s -> s.node(SERVER, Toys.Counter.class).count() <= 1))
                    .run(test.seed())
                    .assertNoViolation(test);
        }
    }

    @Test
    void aFailingSearchSaysWhatBrokeAndKeepsItsRunAsATrace(@TempDir Path traces) throws Exception {
        System.setProperty(SeededTestExtension.TRACE_DIR, traces.toString());
        System.setProperty("faultline.seed", "4");
        try {
            List<org.junit.platform.testkit.engine.Event> finished = new ArrayList<>();
            EngineTestKit.engine("junit-jupiter").selectors(selectClass(CountsTwice.class)).execute()
                    .testEvents().finished().stream().forEach(finished::add);
            assertEquals(1, finished.size());
            Throwable thrown = finished.get(0).getPayload(TestExecutionResult.class).orElseThrow()
                    .getThrowable().orElseThrow();
            String message = thrown.getMessage();
            assertTrue(message.startsWith("Invariant broken: each increment is counted once"), message);
            assertTrue(message.contains("replays to the same violation"), message);
            assertTrue(message.contains("-Dfaultline.seed=4"), "the replay command names the seed: " + message);
            assertTrue(message.contains("scenario: search counterexample: each increment is counted once breaks after"
                    + " 3 events; the search began after \"slow start\": "), "the failure says where the search began,"
                    + " not \"no faults\": " + message);
            Path trace = traces.resolve("CountsTwice.eachIncrementCountedOnce.seed-4.json");
            assertTrue(Files.exists(trace), "the counterexample is written as a trace: " + message);
            String json = Files.readString(trace);
            assertTrue(json.contains("\"scenario\":\"search counterexample: each increment is counted once"), json);
            assertTrue(json.contains("\"kind\":\"DELIVER\"") && json.contains("\"kind\":\"ERROR\""), json);
        } finally {
            System.clearProperty(SeededTestExtension.TRACE_DIR);
            System.clearProperty("faultline.seed");
        }
    }
}
