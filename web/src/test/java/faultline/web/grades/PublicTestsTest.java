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
                tests.localReplay("pingpong", "faultline.labs.pingpong.PingPongTest", "echoesDespiteLoss", 7));
    }

    @Test
    void aLabOfSeveralPackagesFindsItsPublicTestsInEach() {
        // Lab 3's Paxos tests are in faultline/labs/paxos, its service's in faultline/labs/paxoskv.
        assertEquals(Optional.of("mvn test -Dtest=PaxosTest#oneProposer -Dfaultline.seed=3"),
                tests.localReplay("paxoskv", "faultline.labs.paxos.PaxosTest", "oneProposer", 3));
        assertEquals(Optional.of("mvn test -Dtest=KvPaxosTest#putAppendGet -Dfaultline.seed=3"),
                tests.localReplay("paxoskv", "faultline.labs.paxoskv.KvPaxosTest", "putAppendGet", 3));
        assertTrue(tests.localReplay("pbkv", "faultline.labs.paxos.PaxosTest", "oneProposer", 3).isEmpty(),
                "Lab 2's handout has no Paxos");
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
