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
 * The hidden shardkv suite catches the bugs students really make in Lab 4 (the anchors' list). Each bug is
 * planted in a copy of the reference by textual patches; the hidden tests named for it must then fail on every
 * seed run (-Dfaultline.seeds), while the unpatched copy, built the same way, passes them all.
 */
class ShardkvPlantedBugsTest {

    static Stream<PlantedBug> bugs() {
        return Stream.of(
                new PlantedBug("rebalancing depends on hash-set iteration order (identity hashes differ per replica)",
                        List.of(new Patch("shardkv/Configurations.java",
                                "        List<Load> order = new ArrayList<>(loads.values());\n"
                                        + "        order.sort(Comparator.comparingInt((Load load) -> -load.shards.size())"
                                        + ".thenComparingInt(load -> load.group));",
                                "        // planted bug: Load has no equals/hashCode, so the set iterates in identity-hash order\n"
                                        + "        List<Load> order = new ArrayList<>(new java.util.HashSet<>(loads.values()));\n"
                                        + "        order.sort(Comparator.comparingInt((Load load) -> -load.shards.size()));")),
                        List.of("deterministicAcrossFreshMasters")),
                new PlantedBug("a Move changes the latest configuration's own list, so a historical query changes",
                        List.of(new Patch("shardkv/Configurations.java",
                                "            List<Integer> shards = new ArrayList<>(latest.shards());\n"
                                        + "            shards.set(move.shard(), move.group());",
                                "            List<Integer> shards = latest.shards(); // planted bug: aliased\n"
                                        + "            shards.set(move.shard(), move.group());")),
                        List.of("numberingAndHistoryUnchanged", "balanceAndFewestMovesAfterLeavesAndMoves")),
                new PlantedBug("rebalancing hands every shard out afresh (balanced, but not the fewest moves)",
                        List.of(new Patch("shardkv/Configurations.java",
                                "            while (load.shards.size() > target) {",
                                "            while (!load.shards.isEmpty()) { // planted bug: every shard is freed")),
                        List.of("balanceAndFewestMovesAfterJoins", "balanceAndFewestMovesAfterLeavesAndMoves")),
                new PlantedBug("a master replica answers Queries from its own state, not through the log (stale latest)",
                        List.of(new Patch("shardkv/ShardMaster.java",
                                "        waiting.put(request.clientId(), new Waiting(request.sequence(), from));",
                                "        if (request.command() instanceof Query) { // planted bug: answered locally\n"
                                        + "            send(new MasterReply(request.sequence(), configurations.execute("
                                        + "request.command())), from);\n"
                                        + "            return;\n"
                                        + "        }\n"
                                        + "        waiting.put(request.clientId(), new Waiting(request.sequence(), from));")),
                        List.of("missedChangesStillGiveLatestQuery")),
                new PlantedBug("ownership checked when a command arrives instead of when it is applied",
                        List.of(new Patch("shardkv/ShardServer.java",
                                "        waiting.put(request.clientId(), new Waiting(request.sequence(), from));",
                                "        if (!shards.containsKey(Config.shardOf(key(request.command())))) { // planted bug\n"
                                        + "            send(new WrongGroup(request.sequence()), from);\n"
                                        + "            return;\n"
                                        + "        }\n"
                                        + "        waiting.put(request.clientId(), new Waiting(request.sequence(), from));"),
                                new Patch("shardkv/ShardServer.java",
                                        "        Shard shard = shards.get(Config.shardOf(key(op.command())));",
                                        "        Shard shard = shards.computeIfAbsent(Config.shardOf(key(op.command())),"
                                                + " s -> new Shard()); // planted bug: no check at apply")),
                        List.of("ownershipCheckedWhenApplied")),
                new PlantedBug("a gained shard is served before its data has arrived",
                        List.of(new Patch("shardkv/ShardServer.java",
                                "                if (config.owner(shard) == Config.NO_GROUP) {\n"
                                        + "                    shards.put(shard, new Shard());\n"
                                        + "                } else {\n"
                                        + "                    missing.add(shard);\n"
                                        + "                }",
                                "                shards.put(shard, new Shard()); // planted bug: served at once, empty")),
                        List.of("joinAndLeaveKeepEveryKeyReadable", "limpingGroups", "configurationsAppliedInOrder")),
                new PlantedBug("a shard handed off is still served by its old group",
                        List.of(new Patch("shardkv/ShardServer.java",
                                "handedOff.put(new Handoff(next.number(), shard), shards.remove(shard).copy());",
                                "handedOff.put(new Handoff(next.number(), shard), shards.get(shard).copy()); // planted bug")),
                        List.of("oldOwnerTurnsAwayAfterHandoff", "joinAndLeaveKeepEveryKeyReadable",
                                "groupCutOffServesOnlyTheOthersShards")),
                new PlantedBug("a group jumps to the latest configuration, skipping those in between",
                        List.of(new Patch("shardkv/ShardServer.java",
                                        "new MasterRequest(pollId, pollSequence, new Query(config.number() + 1))",
                                        "new MasterRequest(pollId, pollSequence, Query.latest()) /* planted bug */"),
                                new Patch("shardkv/ShardServer.java",
                                        "&& configured.config().number() == config.number() + 1) {",
                                        "&& configured.config().number() > config.number()) { // planted bug"),
                                new Patch("shardkv/ShardServer.java",
                                        "if (next.number() != config.number() + 1 || !missing.isEmpty()) {",
                                        "if (next.number() <= config.number() || !missing.isEmpty()) { // planted bug")),
                        List.of("configurationsAppliedInOrder")),
                new PlantedBug("the at-most-once table stays behind when a shard moves",
                        List.of(new Patch("shardkv/ShardServer.java",
                                "            shard.applied.putAll(copy.applied());",
                                "            // planted bug: the shard's at-most-once table stays behind")),
                        List.of("atMostOnceAcrossMoves")),
                new PlantedBug("the clerk always sends to the first server of a group",
                        List.of(new Patch("shardkv/ShardClerk.java",
                                "servers.get((first + attempt) % servers.size())",
                                "servers.get(0) /* planted bug: no failover */")),
                        List.of("clerkFailsOverWithinAGroup")),
                new PlantedBug("the clerk starts every command at the first server of a group, however often it is down",
                        List.of(new Patch("shardkv/ShardClerk.java",
                                "            int first = lastAnswered.getOrDefault(group, 0);",
                                "            int first = 0; // planted bug: what answered last is forgotten")),
                        List.of("clerkFailsOverWithinAGroup")),
                new PlantedBug("a hand-off is installed again whenever it arrives, over newer writes",
                        List.of(new Patch("shardkv/ShardServer.java",
                                "if (handoff.configNumber() == config.number() && missing.contains(handoff.shard())) {",
                                "if (handoff.configNumber() == config.number()) { // planted bug: even if installed"),
                                new Patch("shardkv/ShardServer.java",
                                        "            if (install.configNumber() == config.number() && missing.remove(install.shard())) {",
                                        "            if (install.configNumber() == config.number()) { // planted bug: installed again\n"
                                                + "                missing.remove(install.shard());")),
                        List.of("lateRepeatedHandoffNotInstalledAgain")),
                new PlantedBug("shards handed off are kept by shard alone, so a fetch can get a copy from an earlier hand-off",
                        List.of(new Patch("shardkv/ShardServer.java",
                                "handedOff.put(new Handoff(next.number(), shard), shards.remove(shard).copy());",
                                "handedOff.put(new Handoff(0, shard), shards.remove(shard).copy()); // planted bug"),
                                new Patch("shardkv/ShardServer.java",
                                        "handedOff.get(new Handoff(fetch.configNumber(), fetch.shard()));",
                                        "handedOff.get(new Handoff(0, fetch.shard())); // planted bug: any configuration's")),
                        List.of("shardMovingBackAndForthKeepsEveryWrite")),
                new PlantedBug("a replica never calls done, so its Paxos log is never freed",
                        List.of(new Patch("shardkv/Replica.java",
                                "            paxos.done(next);",
                                "            // planted bug: the log is never freed")),
                        List.of("groupLogFreedOverManyWrites")),
                new PlantedBug("a majority is taken as half the peers rounded up (two of four)",
                        List.of(new Patch("paxos/Paxos.java",
                                "        return peers.size() / 2 + 1;",
                                "        return (peers.size() + 1) / 2; // planted bug: half of an even number")),
                        List.of("groupsOfOneAndFourServers")),
                new PlantedBug("a group hands nothing over while it waits for shards of its own (deadlock)",
                        List.of(new Patch("shardkv/ShardServer.java",
                                "        if (copy != null) {",
                                "        if (copy != null && missing.isEmpty()) { // planted bug")),
                        List.of("groupsNeedingEachOthersShardsDoNotDeadlock")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugs")
    void hiddenSuiteCatchesPlantedBug(PlantedBug bug, @TempDir Path work) throws IOException {
        bug.assertCaughtOnEverySeed("shardkv", work);
    }

    @Test
    void unpatchedCopyPassesTheSameTests(@TempDir Path work) throws IOException {
        PlantedBug.assertUnpatchedCopyPasses("shardkv", bugs(), work);
    }
}
