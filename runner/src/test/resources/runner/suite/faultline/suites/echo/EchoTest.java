package faultline.suites.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        echoes("ping-" + run.seed());
    }

    /** A helper with the test's name: points must come from the method JUnit ran, not from a name. */
    private static void echoes(String word) {
        assertEquals(word, new Echo().echo(word));
    }

    private static void echoes(String word, int times) {
        for (int i = 0; i < times; i++) {
            echoes(word);
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
