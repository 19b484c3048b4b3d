package faultline.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reference solution must pass every hidden test of its lab on every seed. */
class ReferencePassesSuitesTest {

    @ParameterizedTest
    @ValueSource(strings = {"pingpong", "pbkv", "mapreduce", "paxoskv", "shardkv"})
    void referencePassesEveryTest(String lab) {
        List<SuiteRun.Outcome> outcomes = SuiteRun.reference(lab);
        assertTrue(outcomes.size() >= 5, "expected the " + lab + " suite to run, found " + outcomes.size() + " runs");
        assertTrue(outcomes.stream().anyMatch(o -> o.uniqueId().contains("[class:faultline.labs.")),
                "the handout's public tests of " + lab + " are graded too, but none ran");
        String failures = outcomes.stream()
                .filter(SuiteRun.Outcome::failed)
                .map(o -> o.uniqueId() + ": " + o.message())
                .collect(Collectors.joining("\n"));
        assertEquals("", failures, "the reference solution failed hidden tests");
    }
}
