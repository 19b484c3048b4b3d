package faultline.web.grades;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublicTestsTest {

    private final PublicTests tests = new PublicTests();

    @Test
    void aTestTheHandoutHasGetsTheCommandThatReplaysItThere() {
        assertEquals(Optional.of("mvn test -Dtest=PingPongTest#echoesDespiteLoss -Dfaultline.seed=7"),
                tests.localReplay("pingpong", "faultline.suites.pingpong.PingPongTest", "echoesDespiteLoss", 7));
    }

    @Test
    void aHiddenTestGetsNone() {
        assertTrue(tests.localReplay("pingpong", "faultline.suites.pingpong.PingPongSuite", "waitsOutPartition", 7)
                .isEmpty());
        assertTrue(tests.localReplay("pingpong", "PingPongTest", "noSuchMethod", 7).isEmpty());
        assertTrue(tests.localReplay("../pingpong", "PingPongTest", "echoesDespiteLoss", 7).isEmpty(),
                "names are checked before they reach a resource path");
    }
}
