package faultline.suites.plantedbugs;

import faultline.suites.LabVariant.Patch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

    static Stream<PlantedBug> bugs() {
        return Stream.of(
                new PlantedBug("old retry timers keep resending after the answer came",
                        List.of(new Patch("PingClient.java",
                                "if (current != null && result == null && timer.sequence() == sequence) {",
                                "if (current != null) { // planted bug: every timer ever set keeps resending")),
                        List.of("messagesPerEchoWithinBudget")),
                new PlantedBug("the client answers itself and never asks the server",
                        List.of(new Patch("PingClient.java",
                                        "sequence++;\n        send(new Ping(current.value(), sequence), server);",
                                        "sequence++; // planted bug: nothing is sent"),
                                new Patch("PingClient.java",
                                        "send(new Ping(current.value(), sequence), server);\n"
                                                + "            set(timer, RETRY_MILLIS);",
                                        "result = new Echoed(current.value()); // planted bug: answers itself")),
                        List.of("messagesPerEchoWithinBudget", "echoesComeFromTheServer")),
                new PlantedBug("a stale answer is taken for the current one",
                        List.of(new Patch("PingClient.java",
                                "if (current != null && result == null && pong.sequence() == sequence) {",
                                "if (current != null && result == null) { // planted bug: any answer will do")),
                        List.of("ignoresStaleAndDuplicateAnswers")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugs")
    void hiddenSuiteCatchesPlantedBug(PlantedBug bug, @TempDir Path work) throws IOException {
        bug.assertCaughtOnEverySeed("pingpong", work);
    }

    @Test
    void unpatchedCopyPassesTheSameTests(@TempDir Path work) throws IOException {
        PlantedBug.assertUnpatchedCopyPasses("pingpong", bugs(), work);
    }
}
