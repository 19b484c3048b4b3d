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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bugs that need one precise interleaving. With each, the search test named for it fails on every seed run
 * (-Dfaultline.seeds), found by the exhaustive part of the search (before any random probe), with a
 * counterexample that breaks the named invariant and replays to the same violation in the simulator. Bugs the
 * run tests miss ({@link RunTests#PASS_EVERY_SEED}) are also run through every pbkv run test, each of which must
 * pass on every seed. The others are caught by run tests too (the late state transfer by
 * stateTransferSurvivesLostDelayedAndDuplicatedMessages, on every seed).
 */
class PbkvSearchPlantedBugsTest {

    /** What the run tests are asserted to do with a bug. */
    enum RunTests { NOT_CHECKED, PASS_EVERY_SEED }

    /** A bug, its patch, the search test that must catch it, and the invariant that test must report broken. */
    record Bug(String name, Patch patch, String caughtBy, String invariant, RunTests runTests) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bug> bugs() {
        return Stream.of(
                new Bug("the clerk takes a late answer to its previous request for this one's",
                        new Patch("Clerk.java",
                                "if (waiting() && reply.sequence() == sequence) {",
                                "if (waiting()) { // planted bug: any answer will do"),
                        "eachResultAnswersItsOwnCommand", "each result answers its own command", RunTests.NOT_CHECKED),
                new Bug("the primary takes a stale acknowledgement for the forward in flight",
                        new Patch("PBServer.java",
                                "if (forwarding && ok.forwardId() == forwardId && ok.viewNumber() == view.number()",
                                "if (forwarding && ok.viewNumber() == view.number() // planted bug: any forward's ack\n"
                                        + "               "),
                        "acknowledgedAppendsAreAtTheBackup", "every Append acknowledged to the clerk is at the backup",
                        RunTests.NOT_CHECKED),
                new Bug("the at-most-once table recognises only the latest request as a retry",
                        new Patch("PBServer.java",
                                "done != null && done.sequence() >= request.sequence();",
                                "done != null && done.sequence() == request.sequence(); // planted bug"),
                        "lateDuplicateRequestIsNotAppliedAgain", "no server applies an Append twice",
                        RunTests.NOT_CHECKED),
                new Bug("a late duplicate of the state transfer rolls the backup back",
                        new Patch("PBServer.java",
                                "if (stateView != offered.number()) {",
                                "if (true) { // planted bug: every transfer replaces the store"),
                        "newBackupKeepsAcknowledgedWrites", "every Append acknowledged to the clerk is at the backup",
                        RunTests.NOT_CHECKED),
                new Bug("a server adopts an older view from a late answer of the view service",
                        new Patch("PBServer.java",
                                "if (reply.view().number() > view.number()) {\n            adopt(reply.view());",
                                "if (reply.view().number() != view.number()) { // planted bug: any other view\n"
                                        + "            adopt(reply.view());"),
                        "lateViewReplyDoesNotRollBackTheView", "every Append acknowledged to the clerk is at the backup",
                        RunTests.PASS_EVERY_SEED),
                new Bug("a backup takes a state transfer from an older view",
                        new Patch("PBServer.java",
                                "if (offered.number() < view.number() || !offered.isBackup(address()) || !offered.isPrimary(from)) {",
                                "if (!offered.isBackup(address()) || !offered.isPrimary(from)) { // planted bug: any view's"),
                        "transferFromAnOlderViewIsRefused", "every Append acknowledged to the clerk is at the backup",
                        RunTests.PASS_EVERY_SEED));
    }

    /** Every run test of the pbkv suite: its graded tests other than the search tests. */
    static List<String> runTests() {
        return Stream.of(faultline.suites.pbkv.PrimaryBackupSuite.class, faultline.suites.pbkv.ViewServiceSuite.class)
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(faultline.testkit.junit.SeededTest.class))
                .map(Method::getName).sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugs")
    void searchCatchesPlantedBug(Bug bug, @TempDir Path work) throws IOException {
        Map<String, Tally> search;
        Map<String, Tally> runs;
        try (LabVariant lab = LabVariant.reference("pbkv", List.of(bug.patch()), work)) {
            search = SuiteRun.tally(lab.runTests(List.of(bug.caughtBy())));
            runs = bug.runTests() != RunTests.NOT_CHECKED ? SuiteRun.tally(lab.runTests(runTests())) : Map.of();
        }
        Tally caught = search.get(bug.caughtBy());
        System.out.println("[planted bug] " + bug.name() + ": search test " + bug.caughtBy() + " failed "
                + caught.failures() + "/" + caught.runs() + "; run tests failed "
                + runs.values().stream().mapToInt(Tally::failures).sum() + " of "
                + runs.values().stream().mapToInt(Tally::runs).sum() + " runs"
                + runs.entrySet().stream().filter(e -> e.getValue().failures() > 0)
                        .map(e -> " (" + e.getKey() + " on " + e.getValue().failedOn() + ")").collect(Collectors.joining()));
        assertTrue(caught.runs() > 0 && caught.failures() == caught.runs(), "with the planted bug \"" + bug.name()
                + "\", search test " + bug.caughtBy() + " should fail on every seed, but it failed on "
                + caught.failures() + " of " + caught.runs());
        assertTrue(caught.firstFailure().contains("Invariant broken: " + bug.invariant()), "the search should report"
                + " that \"" + bug.invariant() + "\" breaks, but it said: " + caught.firstFailure());
        assertTrue(caught.firstFailure().contains("replays to the same violation"), "the counterexample should"
                + " replay to the same violation: " + caught.firstFailure());
        assertTrue(caught.firstFailure().contains("then 0 random probes"), "the exhaustive part of the search"
                + " should find the violation, before any random probe: " + caught.firstFailure());
        String runFailures = runs.entrySet().stream().filter(e -> e.getValue().failures() > 0)
                .map(e -> e.getKey() + " failed " + e.getValue().failures() + " of " + e.getValue().runs())
                .collect(Collectors.joining(", "));
        assertEquals("", runFailures, "the bug \"" + bug.name() + "\" is meant to be one every run test misses,"
                + " but these caught it");
        assertTrue(bug.runTests() == RunTests.NOT_CHECKED || runs.size() >= 10,
                "the run tests should have run: " + runs.keySet());
    }

    @Test
    void unpatchedCopyPassesTheSearchTests(@TempDir Path work) throws IOException {
        List<String> tests = bugs().map(Bug::caughtBy).distinct().sorted().toList();
        Map<String, Tally> tallies;
        try (LabVariant lab = LabVariant.reference("pbkv", List.of(), work)) {
            tallies = SuiteRun.tally(lab.runTests(tests));
        }
        assertEquals(tests, List.copyOf(tallies.keySet()), "every named test should have run");
        String failures = tallies.entrySet().stream().filter(e -> e.getValue().failures() > 0)
                .map(e -> e.getKey() + " failed " + e.getValue().failures() + " of " + e.getValue().runs() + ": "
                        + e.getValue().firstFailure())
                .collect(Collectors.joining("\n"));
        assertEquals("", failures, "the reference, copied and compiled like the planted bugs, should pass");
    }
}
