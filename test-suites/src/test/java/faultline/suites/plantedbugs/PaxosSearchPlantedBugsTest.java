package faultline.suites.plantedbugs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.suites.LabVariant;
import faultline.suites.LabVariant.Patch;
import faultline.suites.SuiteRun;
import faultline.suites.SuiteRun.Tally;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Paxos safety bugs planted in the reference, each of which a Lab 3 search test must catch on every seed run
 * (-Dfaultline.seeds), found by the exhaustive part of the search (before any random probe), reporting agreement
 * broken with a counterexample that replays to the same violation in the simulator. The acceptor and proposer
 * bugs are caught twice: from a start with a message held in the network, and from the lab's initial state. A bug marked as one the run
 * tests miss is also run through every Lab 3 run test, each of which must pass on every seed. (The run tests
 * that catch the others are named in {@link PaxosKvPlantedBugsTest}; the unpatched reference passes the search
 * tests in ReferencePassesSuitesTest.)
 */
class PaxosSearchPlantedBugsTest {

    private static final String PAXOS = "paxos/Paxos.java";
    private static final String AGREEMENT = "no two peers decide differently, and only a proposed value is decided";

    /** A bug, its patch, the search test that must catch it, and whether every run test misses it. */
    record Bug(String name, Patch patch, String caughtBy, boolean runTestsMiss) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The search test that starts from the lab's initial state: two proposers, nothing held in the network. */
    private static final String FROM_THE_START = "competingProposersFromTheStartDeep";

    static Stream<Bug> bugs() {
        return Stream.concat(heldMessageBugs(), fromTheStart());
    }

    /**
     * The same safety bugs found from the lab's initial state, by the depth-first search every order of events
     * up to depth 9 (about 400,000 states), with no message held up by a script.
     */
    static Stream<Bug> fromTheStart() {
        return heldMessageBugs()
                .filter(bug -> !bug.caughtBy().equals("lateProposerAdoptsTheChosenValue"))
                .map(bug -> new Bug(bug.name() + ", from the start", bug.patch(), FROM_THE_START, false));
    }

    /** Safety bugs each caught by a search from a start the test scripted (a message held in the network). */
    static Stream<Bug> heldMessageBugs() {
        return Stream.of(
                new Bug("the proposer ignores the highest-numbered accepted value in the promises",
                        new Patch(PAXOS,
                                "        if (promise.acceptedNumber() > state.bestNumber) {\n"
                                        + "            state.bestNumber = promise.acceptedNumber();\n"
                                        + "            state.bestValue = promise.acceptedValue();\n"
                                        + "        }\n",
                                "        // planted bug: the values acceptors report are ignored\n"),
                        "lateProposerAdoptsTheChosenValue", false),
                new Bug("two proposers can use the same proposal number",
                        new Patch(PAXOS,
                                "state.proposing = round * peers.size() + me;",
                                "state.proposing = round; // planted bug: numbers without the peer's index"),
                        // With an Accept held in the network, a second proposal under the same number is
                        // accepted too: 6 events. (Two proposers racing from the start need 8, past that
                        // test's exhaustive depth; its probes find it on 13 of 20 seeds.)
                        "olderAcceptArrivingLateIsRefused", false),
                new Bug("the acceptor accepts below its promise",
                        new Patch(PAXOS,
                                "        if (proposal >= state.promised) {\n"
                                        + "            state.promised = proposal;\n"
                                        + "            state.acceptedNumber = proposal;",
                                "        if (true) { // planted bug: the promise is not checked\n"
                                        + "            state.promised = proposal;\n"
                                        + "            state.acceptedNumber = proposal;"),
                        "olderAcceptArrivingLateIsRefused", false),
                new Bug("a promise from an earlier round counts for the proposer's current one",
                        new Patch(PAXOS,
                                "if (state == null || state.decided || state.proposing != promise.number() || state.accepting) {",
                                "if (state == null || state.decided || state.accepting) { // planted bug: any round's promise"),
                        "promiseFromAnEarlierRoundIsNotCounted", true),
                // Lab code cannot tell a search from a run: every runtime hands a node the same kind of random
                // source (and the grader's check refuses getClass and static counters, the other ways to look).
                // The bug is on whatever it sees, so it loses exactly what the plain bug loses.
                new Bug("the same promise bug, switched off while lab code thinks a search watches",
                        new Patch(PAXOS,
                                "if (state == null || state.decided || state.proposing != promise.number() || state.accepting) {",
                                "if (state == null || state.decided || state.accepting // planted bug, hidden from searches\n"
                                        + "                || (state.proposing != promise.number()\n"
                                        + "                    && random().getClass().getName().contains(\"search\"))) {"),
                        "promiseFromAnEarlierRoundIsNotCounted", true));
    }

    /** Every run test of the Lab 3 suite: its graded tests other than the search tests. */
    static List<String> runTests() {
        return Stream.of(faultline.suites.paxoskv.PaxosSuite.class, faultline.suites.paxoskv.KvPaxosSuite.class)
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(faultline.testkit.junit.SeededTest.class))
                .map(Method::getName).sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugs")
    void searchCatchesPlantedBug(Bug bug, @TempDir Path work) throws IOException {
        Map<String, Tally> search;
        Map<String, Tally> runs;
        try (LabVariant lab = LabVariant.reference("paxoskv", List.of(bug.patch()), work)) {
            search = SuiteRun.tally(lab.runTests(List.of(bug.caughtBy())));
            runs = bug.runTestsMiss() ? SuiteRun.tally(lab.runTests(runTests())) : Map.of();
        }
        Tally caught = search.get(bug.caughtBy());
        System.out.println("[planted bug] " + bug.name() + ": search test " + bug.caughtBy() + " failed "
                + caught.failures() + "/" + caught.runs() + "; run tests failed "
                + runs.values().stream().mapToInt(Tally::failures).sum() + " of "
                + runs.values().stream().mapToInt(Tally::runs).sum() + " runs"
                + runs.entrySet().stream().filter(e -> e.getValue().failures() > 0)
                        .map(e -> " (" + e.getKey() + " on " + e.getValue().failedOn() + ")").collect(Collectors.joining()));
        assertTrue(caught.runs() > 0 && caught.failures() == caught.runs(), "with the planted bug \"" + bug.name()
                + "\", the search test should fail on every seed, but it failed on " + caught.failures() + " of "
                + caught.runs() + ": " + caught.firstFailure());
        assertTrue(caught.firstFailure().contains("Invariant broken: " + AGREEMENT), caught.firstFailure());
        assertTrue(caught.firstFailure().contains("replays to the same violation"), caught.firstFailure());
        assertTrue(caught.firstFailure().contains("then 0 random probes"), "the exhaustive part of the search"
                + " should find the violation, before any random probe: " + caught.firstFailure());
        String runFailures = runs.entrySet().stream().filter(e -> e.getValue().failures() > 0)
                .map(e -> e.getKey() + " failed " + e.getValue().failures() + " of " + e.getValue().runs())
                .collect(Collectors.joining(", "));
        assertEquals("", runFailures, "the bug \"" + bug.name() + "\" is meant to be one every run test misses,"
                + " but these caught it");
        assertTrue(!bug.runTestsMiss() || runs.size() >= 10, "the run tests should have run: " + runs.keySet());
    }
}
