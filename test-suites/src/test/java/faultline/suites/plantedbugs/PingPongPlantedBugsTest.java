package faultline.suites.plantedbugs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.suites.LabVariant;
import faultline.suites.LabVariant.Patch;
import faultline.suites.SuiteRun;
import faultline.suites.SuiteRun.Tally;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lab 0's hidden suite catches the bugs students really make, even those whose every answer is right.
 * Each bug is planted in a copy of the reference by textual patches; the hidden tests named for it must
 * then fail on every seed run (-Dfaultline.seeds), while the unpatched copy, built the same way, passes.
 */
class PingPongPlantedBugsTest {

    /** A bug, the patches that plant it, and the hidden tests that must catch it on every seed. */
    record Bug(String name, List<Patch> patches, List<String> caughtBy) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bug> bugs() {
        return Stream.of(
                new Bug("old retry timers keep resending after the answer came",
                        List.of(new Patch("PingClient.java",
                                "if (current != null && result == null && timer.sequence() == sequence) {",
                                "if (current != null) { // planted bug: every timer ever set keeps resending")),
                        List.of("messagesPerEchoWithinBudget")),
                new Bug("the client answers itself and never asks the server",
                        List.of(new Patch("PingClient.java",
                                        "sequence++;\n        send(new Ping(current.value(), sequence), server);",
                                        "sequence++; // planted bug: nothing is sent"),
                                new Patch("PingClient.java",
                                        "send(new Ping(current.value(), sequence), server);\n"
                                                + "            set(timer, RETRY_MILLIS);",
                                        "result = new Echoed(current.value()); // planted bug: answers itself")),
                        List.of("messagesPerEchoWithinBudget", "echoesComeFromTheServer")),
                new Bug("a stale answer is taken for the current one",
                        List.of(new Patch("PingClient.java",
                                "if (current != null && result == null && pong.sequence() == sequence) {",
                                "if (current != null && result == null) { // planted bug: any answer will do")),
                        List.of("ignoresStaleAndDuplicateAnswers")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugs")
    void hiddenSuiteCatchesPlantedBug(Bug bug, @TempDir Path work) throws IOException {
        Map<String, Tally> tallies;
        try (LabVariant lab = LabVariant.reference("pingpong", bug.patches(), work)) {
            tallies = SuiteRun.tally(lab.runTests(bug.caughtBy()));
        }
        System.out.println("[planted bug] " + bug.name() + ": " + describe(tallies));
        assertEquals(new TreeSet<>(bug.caughtBy()), tallies.keySet(), "every named test should have run");
        tallies.forEach((test, tally) -> assertTrue(tally.runs() > 0 && tally.failures() == tally.runs(),
                "with the planted bug \"" + bug.name() + "\", hidden test " + test + " should fail on every seed,"
                        + " but it failed on " + tally.failures() + " of " + tally.runs()));
    }

    @Test
    void unpatchedCopyPassesTheSameTests(@TempDir Path work) throws IOException {
        List<String> tests = bugs().flatMap(bug -> bug.caughtBy().stream()).distinct().sorted().toList();
        Map<String, Tally> tallies;
        try (LabVariant lab = LabVariant.reference("pingpong", List.of(), work)) {
            tallies = SuiteRun.tally(lab.runTests(tests));
        }
        assertEquals(new TreeSet<>(tests), tallies.keySet(), "every named test should have run");
        String failures = tallies.entrySet().stream().filter(e -> e.getValue().failures() > 0)
                .map(e -> e.getKey() + " failed " + e.getValue().failures() + " of " + e.getValue().runs() + ": "
                        + e.getValue().firstFailure())
                .collect(Collectors.joining("\n"));
        assertEquals("", failures, "the reference, copied and compiled like the planted bugs, should pass: otherwise"
                + " the failures above would prove nothing about the bugs");
    }

    private static String describe(Map<String, Tally> tallies) {
        return tallies.entrySet().stream()
                .map(e -> e.getKey() + " failed " + e.getValue().failures() + "/" + e.getValue().runs())
                .collect(Collectors.joining(", "));
    }
}
