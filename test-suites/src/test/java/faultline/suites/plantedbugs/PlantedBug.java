package faultline.suites.plantedbugs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * A bug students make, planted in a copy of a lab's reference by textual patches, and the hidden tests that
 * must catch it. What every lab's planted-bug test asserts is written here once: with the bug, each named test
 * fails on every seed run (-Dfaultline.seeds); without it, the copy, built the same way, passes them all, so
 * the failures prove something about the bug and not about the copying. And what each failure says is for a
 * student: no class name of the platform's own, no JDK plumbing.
 */
record PlantedBug(String name, List<Patch> patches, List<String> caughtBy) {

    PlantedBug(String name, Patch patch, List<String> caughtBy) {
        this(name, List.of(patch), caughtBy);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Plants the bug in a copy of the lab's reference and runs its tests: each must fail on every seed. */
    void assertCaughtOnEverySeed(String lab, Path work) throws IOException {
        Map<String, Tally> tallies;
        List<SuiteRun.Outcome> outcomes;
        try (LabVariant variant = LabVariant.reference(lab, patches, work)) {
            outcomes = variant.runTests(caughtBy);
            tallies = SuiteRun.tally(outcomes);
        }
        System.out.println("[planted bug] " + name + ": " + describe(tallies));
        for (SuiteRun.Outcome outcome : outcomes) {
            String message = String.valueOf(outcome.message());
            for (String internal : INTERNAL_NAMES) {
                assertFalse(message.contains(internal), "with the planted bug \"" + name + "\", " + outcome.method()
                        + " on " + outcome.seed() + " tells the student \"" + internal + "\", a name of the platform's"
                        + " own:\n" + message);
            }
        }
        assertEquals(new TreeSet<>(caughtBy), tallies.keySet(), "every named test should have run");
        tallies.forEach((test, tally) -> assertTrue(tally.runs() > 0 && tally.failures() == tally.runs(),
                "with the planted bug \"" + name + "\", hidden test " + test + " should fail on every seed,"
                        + " but it failed on " + tally.failures() + " of " + tally.runs()));
    }

    /** Names that mean nothing to a student: the platform's own classes and the JDK's plumbing. */
    static final List<String> INTERNAL_NAMES = List.of("ThrownInTest", "faultline.framework.", "faultline.testkit.",
            "faultline.runner.", "faultline.suites.", "java.util.stream.", "jdk.internal.", "sandbox");

    /** The control: an unpatched copy of the lab's reference passes every test any of the bugs names. */
    static void assertUnpatchedCopyPasses(String lab, Stream<PlantedBug> bugs, Path work) throws IOException {
        List<String> tests = bugs.flatMap(bug -> bug.caughtBy().stream()).distinct().sorted().toList();
        Map<String, Tally> tallies;
        try (LabVariant variant = LabVariant.reference(lab, List.of(), work)) {
            tallies = SuiteRun.tally(variant.runTests(tests));
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
                .map(e -> e.getKey() + " failed " + e.getValue().failures() + "/" + e.getValue().runs() + " ("
                        + firstLine(e.getValue().firstFailure()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.length() <= 160 ? line : line.substring(0, 160) + "...";
    }
}
