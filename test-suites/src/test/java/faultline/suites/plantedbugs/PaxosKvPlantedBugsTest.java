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
 * The hidden Lab 3 suite (Paxos and the Paxos key/value service) catches the bugs students really make.
 * Each bug below is planted in a copy of the reference by textual patches; the hidden tests named for it
 * must then fail on every seed run (-Dfaultline.seeds), while the unpatched copy, built the same way,
 * passes them all.
 */
class PaxosKvPlantedBugsTest {

    private static final String LAB = "paxoskv";
    private static final String PAXOS = "paxos/Paxos.java";
    private static final String SERVER = "paxoskv/KVServer.java";

    static Stream<PlantedBug> bugs() {
        return Stream.of(
                new PlantedBug("the proposer ignores the highest-numbered accepted value in the promises",
                        List.of(new Patch(PAXOS,
                                "        if (promise.acceptedNumber() > state.bestNumber) {\n"
                                        + "            state.bestNumber = promise.acceptedNumber();\n"
                                        + "            state.bestValue = promise.acceptedValue();\n"
                                        + "        }\n",
                                "        // planted bug: the values acceptors report are ignored\n")),
                        List.of("competingProposerAdoptsAcceptedValue")),
                new PlantedBug("the proposer adopts the first accepted value its promises report, not the highest-numbered",
                        List.of(new Patch(PAXOS,
                                "        if (promise.acceptedNumber() > state.bestNumber) {",
                                "        if (state.bestNumber < 0) { // planted bug: the first report wins")),
                        List.of("proposerAdoptsHighestNumberedValue")),
                new PlantedBug("the proposer adopts the last accepted value its promises report, not the highest-numbered",
                        List.of(new Patch(PAXOS,
                                "        if (promise.acceptedNumber() > state.bestNumber) {",
                                "        if (promise.acceptedNumber() >= 0) { // planted bug: the last report wins")),
                        List.of("proposerAdoptsHighestNumberedValue")),
                new PlantedBug("accepting a proposal does not raise the acceptor's promise",
                        List.of(new Patch(PAXOS,
                                "        if (proposal >= state.promised) {\n"
                                        + "            state.promised = proposal;\n"
                                        + "            state.acceptedNumber = proposal;",
                                "        if (proposal >= state.promised) {\n"
                                        + "            // planted bug: only a Prepare raises the promise\n"
                                        + "            state.acceptedNumber = proposal;")),
                        List.of("acceptingRaisesThePromise")),
                new PlantedBug("promises are counted by replies, not by distinct acceptors",
                        List.of(new Patch(PAXOS,
                                "        state.promises.add(peer);",
                                "        state.promises.add(state.promises.size()); // planted bug: every reply counts")),
                        List.of("duplicateRepliesCountOnce")),
                new PlantedBug("acceptances are counted by replies, not by distinct acceptors",
                        List.of(new Patch(PAXOS,
                                "        state.accepts.add(peer);",
                                "        state.accepts.add(state.accepts.size()); // planted bug: every reply counts")),
                        List.of("duplicateRepliesCountOnce")),
                new PlantedBug("two proposers can use the same proposal number",
                        List.of(new Patch(PAXOS,
                                "state.proposing = round * peers.size() + me;",
                                "state.proposing = round; // planted bug: numbers without the peer's index")),
                        List.of("simultaneousProposersAgree")),
                new PlantedBug("the acceptor accepts below its promise",
                        List.of(new Patch(PAXOS,
                                "        if (proposal >= state.promised) {\n"
                                        + "            state.promised = proposal;\n"
                                        + "            state.acceptedNumber = proposal;",
                                "        if (true) { // planted bug: the promise is not checked\n"
                                        + "            state.promised = proposal;\n"
                                        + "            state.acceptedNumber = proposal;")),
                        List.of("acceptorKeepsItsPromise")),
                new PlantedBug("the acceptor turns down an Accept numbered like its promise",
                        List.of(new Patch(PAXOS,
                                "        if (proposal >= state.promised) {\n"
                                        + "            state.promised = proposal;\n"
                                        + "            state.acceptedNumber = proposal;",
                                "        if (proposal > state.promised) { // planted bug: > instead of >=\n"
                                        + "            state.promised = proposal;\n"
                                        + "            state.acceptedNumber = proposal;")),
                        List.of("basicAgreement", "deafPeers")),
                new PlantedBug("decisions are never sent to the other peers",
                        List.of(new Patch(PAXOS,
                                "                    send(decided, peers.get(other));",
                                "                    // planted bug: the others are never told"),
                                new Patch(PAXOS,
                                        "                send(told, peers.get(other));",
                                        "                // planted bug: the others are never told")),
                        List.of("basicAgreement", "deafPeers")),
                new PlantedBug("the own acceptor is reached by messages, not by a call",
                        List.of(new Patch(PAXOS,
                                "        for (int peer = 0; peer < peers.size(); peer++) {\n"
                                        + "            if (peer != me) {\n"
                                        + "                send(prepare, peers.get(peer));\n"
                                        + "            }\n"
                                        + "        }",
                                "        broadcast(prepare, peers); // planted bug: to itself too"),
                                new Patch(PAXOS,
                                        "        onPromiseReply(prepareLocally(number, state.proposing), me);",
                                        "        // planted bug: the own acceptor hears the Prepare as a message"),
                                new Patch(PAXOS,
                                        "            for (int other = 0; other < peers.size(); other++) {\n"
                                                + "                if (other != me) {\n"
                                                + "                    send(accept, peers.get(other));\n"
                                                + "                }\n"
                                                + "            }",
                                        "            broadcast(accept, peers); // planted bug: to itself too"),
                                new Patch(PAXOS,
                                        "            onAcceptReply(acceptLocally(promise.instance(), state.proposing, value), me);",
                                        "            // planted bug: the own acceptor hears the Accept as a message")),
                        List.of("messageBudget")),
                new PlantedBug("a decision is reported to the host again when it arrives again",
                        List.of(new Patch(PAXOS,
                                "        if (state.decided) {\n"
                                        + "            return;\n"
                                        + "        }\n"
                                        + "        state.decided = true;",
                                "        state.decided = true; // planted bug: reported however often it arrives")),
                        List.of("manyInstancesUnreliable")),
                new PlantedBug("min() is computed from this peer's own done value only",
                        List.of(new Patch(PAXOS,
                                "        for (int done : doneOf) {\n"
                                        + "            lowest = Math.min(lowest, done);\n"
                                        + "        }",
                                "        lowest = doneOf[me]; // planted bug: the other peers' done values are ignored")),
                        List.of("forgetOnlyWhenEveryPeerIsDone")),
                new PlantedBug("forgotten instances stay in memory",
                        List.of(new Patch(PAXOS,
                                "            instances.headMap(min).clear();",
                                "            // planted bug: forgotten instances are only reported FORGOTTEN")),
                        List.of("forgottenMemoryIsFreed", "doneFreesLogMemory")),
                new PlantedBug("max() is read from the map that forgetting prunes",
                        List.of(new Patch(PAXOS,
                                "        return max;",
                                "        return instances.isEmpty() ? -1 : instances.lastKey(); // planted bug")),
                        List.of("forgottenMemoryIsFreed")),
                new PlantedBug("a forgotten instance started again comes back",
                        List.of(new Patch(PAXOS,
                                "        if (instance < min) {\n"
                                        + "            return;\n"
                                        + "        }\n"
                                        + "        max = Math.max(max, instance);",
                                "        max = Math.max(max, instance); // planted bug: start ignores min()")),
                        List.of("forgottenMemoryIsFreed")),
                new PlantedBug("a server answers Gets from its own store, without agreement",
                        List.of(new Patch(SERVER,
                                "        Applied done = applied.get(request.clientId());\n"
                                        + "        if (done != null && done.sequence() >= request.sequence()) {",
                                "        if (request.command() instanceof faultline.labs.kv.Get) { // planted bug\n"
                                        + "            send(new Reply(request.sequence(), store.apply(request.command())), from);\n"
                                        + "            return;\n"
                                        + "        }\n"
                                        + "        Applied done = applied.get(request.clientId());\n"
                                        + "        if (done != null && done.sequence() >= request.sequence()) {")),
                        List.of("minorityMakesNoProgress")),
                new PlantedBug("retried Puts and Appends are not recognised",
                        List.of(new Patch(SERVER,
                                "        if (done != null && done.sequence() >= request.sequence()) {",
                                "        if (false) { // planted bug: no duplicate check on arrival"),
                                new Patch(SERVER,
                                        "        if (done == null || op.sequence() > done.sequence()) {",
                                        "        if (true) { // planted bug: every copy in the log is applied")),
                        List.of("atMostOnceAcrossServers")),
                new PlantedBug("only Appends are checked for retries (Puts are taken to be harmless to repeat)",
                        List.of(new Patch(SERVER,
                                "        if (done != null && done.sequence() >= request.sequence()) {",
                                "        if (done != null && done.sequence() >= request.sequence()"
                                        + " && request.command() instanceof faultline.labs.kv.Append) { // planted bug"),
                                new Patch(SERVER,
                                        "        if (done == null || op.sequence() > done.sequence()) {",
                                        "        if (done == null || op.sequence() > done.sequence()"
                                                + " || !(op.command() instanceof faultline.labs.kv.Append)) { // planted bug")),
                        List.of("retriedPutAppliedOnce")),
                new PlantedBug("holes are filled only while a client of this server waits",
                        List.of(new Patch(SERVER,
                                "        if (paxos.max() >= next && !paxos.status(next).isDecided()) {",
                                "        if (!pending.isEmpty() && paxos.max() >= next && !paxos.status(next).isDecided()) {"
                                        + " // planted bug: no catching up for its own sake")),
                        List.of("laggingServerCatchesUpWithoutClients")),
                new PlantedBug("a Get is answered when its instance is decided, before earlier instances are applied",
                        List.of(new Patch(SERVER,
                                "        decided.put(instance, value);\n",
                                "        if (value instanceof Op op && op.command() instanceof faultline.labs.kv.Get\n"
                                        + "                && pending.containsKey(op.clientId())) { // planted bug: reply before apply\n"
                                        + "            send(new Reply(op.sequence(), store.apply(op.command())),"
                                        + " pending.remove(op.clientId()).client());\n"
                                        + "        }\n"
                                        + "        decided.put(instance, value);\n")),
                        List.of("answerOnlyAfterEarlierInstancesApplied")),
                new PlantedBug("the duplicate table is kept by the server that took the request, not through the log",
                        List.of(new Patch(SERVER,
                                "            applied.put(op.clientId(), done);",
                                "            if (pending.containsKey(op.clientId())) { // planted bug: only own clients\n"
                                        + "                applied.put(op.clientId(), done);\n"
                                        + "            }")),
                        List.of("atMostOnceAcrossServers")),
                new PlantedBug("holes in the log are never filled",
                        List.of(new Patch(SERVER,
                                "                        paxos.start(instance, NoOp.VALUE);",
                                "                // planted bug: holes are never filled")),
                        List.of("holeFilledByLaterAgreements")),
                new PlantedBug("the server never calls done",
                        List.of(new Patch(SERVER,
                                "            paxos.done(next);",
                                "            // planted bug: never done, so Paxos keeps every instance")),
                        List.of("doneFreesLogMemory")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugs")
    void hiddenSuiteCatchesPlantedBug(PlantedBug bug, @TempDir Path work) throws IOException {
        bug.assertCaughtOnEverySeed(LAB, work);
    }

    @Test
    void unpatchedCopyPassesTheSameTests(@TempDir Path work) throws IOException {
        PlantedBug.assertUnpatchedCopyPasses(LAB, bugs(), work);
    }
}
