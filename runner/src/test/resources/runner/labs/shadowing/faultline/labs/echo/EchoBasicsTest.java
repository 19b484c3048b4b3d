package faultline.labs.echo;

import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;

/** A submission's own copy of the course's graded public test, changed so that it always passes. */
class EchoBasicsTest {

    @SeededTest
    @Points(2)
    @Category(TestCategory.BASIC)
    @Description("Echo returns the word it was given")
    void echoesAWord(TestRun run) {
    }
}
