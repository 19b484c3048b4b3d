package faultline.labs.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;

/** A throwaway public test of the echo lab, as a handout has it: graded too, in the lab's own package. */
class EchoBasicsTest {

    @SeededTest
    @Points(2)
    @Category(TestCategory.BASIC)
    @Description("Echo returns the word it was given")
    void echoesAWord(TestRun run) {
        assertEquals("word-" + run.seed(), new Echo().echo("word-" + run.seed()));
    }
}
