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
 * The hidden pbkv suite catches the bugs students really make. Each bug below is planted in a copy of
 * the reference by a textual patch; the hidden tests named for it must then fail on every seed run
 * (-Dfaultline.seeds), while the unpatched copy, built the same way, passes them all.
 */
class PbkvPlantedBugsTest {

    static Stream<PlantedBug> bugs() {
        return Stream.of(
                new PlantedBug("retried Appends are not deduplicated",
                        new Patch("PBServer.java",
                                "return isWrite(request.command()) && done != null && done.sequence() >= request.sequence();",
                                "return false; // planted bug: every retry is carried out again"),
                        List.of("atMostOnceUnderLostReplies", "putToFailedPrimary", "concurrentAppendsLandExactlyOnce")),
                new PlantedBug("the primary answers before the backup has the write",
                        new Patch("PBServer.java",
                                "forwarding = true;\n"
                                        + "                forwardId++;\n"
                                        + "                send(new Forward(view.number(), forwardId, head.request()), view.backup());\n"
                                        + "                set(new ForwardRetry(forwardId), FORWARD_RETRY_MILLIS);",
                                "queue.remove(0); // planted bug: forward and answer at once, without waiting\n"
                                        + "                send(new Forward(view.number(), ++forwardId, head.request()), view.backup());\n"
                                        + "                send(new Reply(head.request().sequence(), execute(head.request())), head.client());"),
                        List.of("getStuckAtPartitionedOldPrimaryNeverCompletes", "concurrentAppendsLandExactlyOnce")),
                new PlantedBug("a partitioned old primary still answers Gets",
                        new Patch("PBServer.java",
                                "} else if (!view.hasBackup()) {",
                                "} else if (!view.hasBackup() || head.request().command() instanceof Get) { // planted bug"),
                        List.of("partitionedOldPrimaryMustNotServeGets", "getStuckAtPartitionedOldPrimaryNeverCompletes")),
                new PlantedBug("the view service moves on without the primary's acknowledgement",
                        new Patch("ViewService.java",
                                "if (view.number() == 0 || !acknowledged) {",
                                "if (view.number() == 0) { // planted bug"),
                        List.of("waitsForPrimaryAcknowledgement")),
                new PlantedBug("the new backup gets no state transfer",
                        new Patch("PBServer.java",
                                "send(new Transfer(view, store, applied), view.backup());",
                                "send(new Transfer(view, new TreeMap<>(), new TreeMap<>()), view.backup()); // planted bug"),
                        List.of("basicPutGetWithFailover", "stateTransferIncludesAtMostOnceTable",
                                "repeatedCrashesUnreliable", "backupRestartsQuicklyUnderLoad",
                                "stateTransferSurvivesLostDelayedAndDuplicatedMessages")),
                new PlantedBug("the state transfer leaves out the at-most-once table",
                        new Patch("PBServer.java",
                                "send(new Transfer(view, store, applied), view.backup());",
                                "send(new Transfer(view, store, new TreeMap<>()), view.backup()); // planted bug"),
                        List.of("stateTransferIncludesAtMostOnceTable")),
                new PlantedBug("a restarted clerk reuses its former identity",
                        new Patch("Clerk.java",
                                "clientId = random().nextLong();",
                                "clientId = address().hashCode(); // planted bug: the same id in every incarnation"),
                        List.of("restartedClerkIsANewClient")),
                new PlantedBug("the view service keeps a backup that restarted empty",
                        new Patch("ViewService.java",
                                "} else if (ping.viewNumber() == 0 && member) {",
                                "} else if (ping.viewNumber() == 0 && view.isPrimary(from)) { // planted bug"),
                        List.of("backupRestartsQuicklyUnderLoad")),
                new PlantedBug("the view service keeps a dead backup while no server can replace it",
                        new Patch("ViewService.java",
                                "if (view.hasBackup() && !serving(view.backup())) {",
                                "if (view.hasBackup() && !serving(view.backup())"
                                        + " && !idleServer(view.primary()).equals(View.NOBODY)) { // planted bug"),
                        List.of("primaryCarriesOnAloneWhenBackupDies")),
                new PlantedBug("a late copy of a state transfer rolls the backup back",
                        new Patch("PBServer.java",
                                "if (stateView != offered.number()) {",
                                "if (true) { // planted bug: every copy of the transfer replaces the store"),
                        List.of("stateTransferSurvivesLostDelayedAndDuplicatedMessages")),
                new PlantedBug("the backup answers Gets",
                        new Patch("PBServer.java",
                                "if (!actingPrimary()) {\n            send(new WrongServer(request.sequence()), client);",
                                "if (view.isBackup(address()) && request.command() instanceof Get) { // planted bug\n"
                                        + "            send(new Reply(request.sequence(), execute(request)), client);\n"
                                        + "            return;\n"
                                        + "        }\n"
                                        + "        if (!actingPrimary()) {\n"
                                        + "            send(new WrongServer(request.sequence()), client);"),
                        List.of("backupNeverServesClients")),
                new PlantedBug("a server is declared dead after one missed ping",
                        new Patch("ViewService.java",
                                "return last != null && now() - last < DEAD_PINGS * PING_INTERVAL_MILLIS;",
                                "return last != null && now() - last < 2 * PING_INTERVAL_MILLIS; // planted bug"),
                        List.of("aFewMissedPingsAreNotDeath")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugs")
    void hiddenSuiteCatchesPlantedBug(PlantedBug bug, @TempDir Path work) throws IOException {
        bug.assertCaughtOnEverySeed("pbkv", work);
    }

    @Test
    void unpatchedCopyPassesTheSameTests(@TempDir Path work) throws IOException {
        PlantedBug.assertUnpatchedCopyPasses("pbkv", bugs(), work);
    }
}
