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
 * The hidden shardkv suite catches the bugs students really make in Lab 4 (the anchors' list). Each bug is
 * planted in a copy of the reference by textual patches; the hidden tests named for it must then fail on every
 * seed run (-Dfaultline.seeds), while the unpatched copy, built the same way, passes them all.
 */
class ShardkvPlantedBugsTest {

    /** A bug, the patches that plant it, and the hidden tests that must catch it on every seed. */
    record Bug(String name, List<Patch> patches, List<String> caughtBy) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bug> bugs() {
        return Stream.of(
                new Bug("rebalancing depends on hash-set iteration order (identity hashes differ per replica)",
                        List.of(new Patch("shardkv/Configurations.java",
                                "        List<Load> order = new ArrayList<>(loads.values());\n"
                                        + "        order.sort(Comparator.comparingInt((Load load) -> -load.shards.size())"
                                        + ".thenComparingInt(load -> load.group));",
                                "        // planted bug: Load has no equals/hashCode, so the set iterates in identity-hash order\n"
                                        + "        List<Load> order = new ArrayList<>(new java.util.HashSet<>(loads.values()));\n"
                                        + "        order.sort(Comparator.comparingInt((Load load) -> -load.shards.size()));")),
                        List.of("deterministicAcrossFreshMasters")),
                new Bug("a Move changes the latest configuration's own list, so a historical query changes",
                        List.of(new Patch("shardkv/Configurations.java",
                                "            List<Integer> shards = new ArrayList<>(latest.shards());\n"
                                        + "            shards.set(move.shard(), move.group());",
                                "            List<Integer> shards = latest.shards(); // planted bug: aliased\n"
                                        + "            shards.set(move.shard(), move.group());")),
                        List.of("numberingAndHistoryUnchanged", "balanceAndFewestMovesAfterLeavesAndMoves")),
                new Bug("rebalancing hands every shard out afresh (balanced, but not the fewest moves)",
                        List.of(new Patch("shardkv/Configurations.java",
                                "            while (load.shards.size() > target) {",
                                "            while (!load.shards.isEmpty()) { // planted bug: every shard is freed")),
                        List.of("balanceAndFewestMovesAfterJoins", "balanceAndFewestMovesAfterLeavesAndMoves")),
                new Bug("a master replica answers Queries from its own state, not through the log (stale latest)",
                        List.of(new Patch("shardkv/ShardMaster.java",
                                "        waiting.put(request.clientId(), new Waiting(request.sequence(), from));",
                                "        if (request.command() instanceof Query) { // planted bug: answered locally\n"
                                        + "            send(new MasterReply(request.sequence(), configurations.execute("
                                        + "request.command())), from);\n"
                                        + "            return;\n"
                                        + "        }\n"
                                        + "        waiting.put(request.clientId(), new Waiting(request.sequence(), from));")),
                        List.of("missedChangesStillGiveLatestQuery")),
                new Bug("ownership checked when a command arrives instead of when it is applied",
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
                new Bug("a gained shard is served before its data has arrived",
                        List.of(new Patch("shardkv/ShardServer.java",
                                "                if (config.owner(shard) == Config.NO_GROUP) {\n"
                                        + "                    shards.put(shard, new Shard());\n"
                                        + "                } else {\n"
                                        + "                    missing.add(shard);\n"
                                        + "                }",
                                "                shards.put(shard, new Shard()); // planted bug: served at once, empty")),
                        List.of("joinAndLeaveKeepEveryKeyReadable", "limpingGroups", "configurationsAppliedInOrder")),
                new Bug("a shard handed off is still served by its old group",
                        List.of(new Patch("shardkv/ShardServer.java",
                                "handedOff.put(new Handoff(next.number(), shard), shards.remove(shard).copy());",
                                "handedOff.put(new Handoff(next.number(), shard), shards.get(shard).copy()); // planted bug")),
                        List.of("oldOwnerTurnsAwayAfterHandoff", "joinAndLeaveKeepEveryKeyReadable",
                                "groupCutOffServesOnlyTheOthersShards")),
                new Bug("a group jumps to the latest configuration, skipping those in between",
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
                new Bug("the at-most-once table stays behind when a shard moves",
                        List.of(new Patch("shardkv/ShardServer.java",
                                "            shard.applied.putAll(copy.applied());",
                                "            // planted bug: the shard's at-most-once table stays behind")),
                        List.of("atMostOnceAcrossMoves")),
                new Bug("a group hands nothing over while it waits for shards of its own (deadlock)",
                        List.of(new Patch("shardkv/ShardServer.java",
                                "        if (copy != null) {",
                                "        if (copy != null && missing.isEmpty()) { // planted bug")),
                        List.of("groupsNeedingEachOthersShardsDoNotDeadlock")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugs")
    void hiddenSuiteCatchesPlantedBug(Bug bug, @TempDir Path work) throws IOException {
        Map<String, Tally> tallies;
        try (LabVariant lab = LabVariant.reference("shardkv", bug.patches(), work)) {
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
        try (LabVariant lab = LabVariant.reference("shardkv", List.of(), work)) {
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
