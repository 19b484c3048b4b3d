package faultline.suites.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import faultline.framework.Address;
import faultline.framework.Message;
import faultline.framework.Node;
import faultline.framework.Timer;
import faultline.framework.sim.Simulation;
import faultline.labs.echo.Echo;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;
import org.junit.jupiter.api.Test;

/** A throwaway suite for the runner's own tests: one seeded test, one that can hang, one that talks. */
class EchoTest {

    @SeededTest
    @Points(4)
    @Description("Echo returns exactly what it was given")
    @Category(TestCategory.UNRELIABLE)
    void echoes(TestRun run) {
        String word = "ping-" + run.seed();
        String echoed = new Echo().echo(word);
        // The echo travels as a message for a while, so it is in the run's trace (the trace-flood case).
        Simulation sim = run.simulation();
        sim.add(Address.of("speaker"), address -> new Speaker(address, echoed));
        sim.runFor(200);
        assertEquals(word, echoed);
    }

    record Said(String text) implements Message {
    }

    record Again() implements Timer {
    }

    /** Says its words to itself every millisecond. */
    static final class Speaker extends Node {
        Speaker(Address address, String words) {
            super(address);
            onMessage(Said.class, (said, from) -> { });
            onTimer(Again.class, again -> {
                send(new Said(words), address());
                set(new Again(), 1);
            });
        }

        @Override
        protected void init() {
            set(new Again(), 1);
        }
    }

    @Test
    @Points(2)
    @Description("settle ends and sums the rounds")
    void settles() {
        assertEquals(45, new Echo().settle(10));
    }

    @Test
    @Points(1)
    @Description("talk prints its lines")
    void talks() {
        new Echo().talk(3);
    }
}
