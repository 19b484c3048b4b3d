package faultline.suites.plantedbugs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.suites.LabVariant;
import faultline.suites.LabVariant.Patch;
import faultline.suites.SuiteRun;
import faultline.suites.SuiteRun.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab 1's hidden suite catches the bugs students really make. Each planted bug is a small patch to the
 * reference source; the patched lab runs the suite tests meant to catch it, and each of those tests
 * must fail on every seed, while a test the bug does not touch still passes (so the failures come from
 * the bug, not from the patching).
 */
class MapReducePlantedBugsTest {

    private static final Patch NEVER_EXPIRE = new Patch("Coordinator.java",
            "return unfinished.contains(attempt.index())\n"
                    + "                && sessions.getOrDefault(attempt.worker(), attempt.session()) == attempt.session()\n"
                    + "                && now() - attempt.startedAt() <= TASK_TIMEOUT_MILLIS;",
            "return unfinished.contains(attempt.index());");

    private static final Patch NO_BACKUPS = new Patch("Coordinator.java",
            "static final int MAX_ATTEMPTS_AT_ONCE = 2;", "static final int MAX_ATTEMPTS_AT_ONCE = 1;");

    private static final Patch WRITE_IN_PLACE = new Patch("Worker.java",
            "return finalName + \".tmp-\" + Long.toHexString(session) + \"-\" + task.attempt();",
            "return finalName;");

    private static final Patch COUNT_REPORTS = new Patch("Coordinator.java",
            "if (attempt == null || !unfinished.remove(attempt.index())) {",
            "if (attempt == null || unfinished.pollFirst() == null) {");

    private static final Patch DROP_OVERDUE_REPORTS = new Patch("Coordinator.java",
            "if (attempt == null || !unfinished.remove(attempt.index())) {",
            "if (attempt == null || !live(attempt) || !unfinished.remove(attempt.index())) { // planted bug");

    private static final Patch NO_EMPTY_FILES = new Patch("Worker.java",
            "            List<String> lines = output.getValue();\n",
            "            List<String> lines = output.getValue();\n"
                    + "            if (lines.isEmpty()) {\n"
                    + "                continue; // planted bug: an empty output gets no file\n"
                    + "            }\n");

    private static final Patch KEEP_PREVIOUS_JOBS_ATTEMPTS = new Patch("Coordinator.java",
            "        issued.clear();\n        holding.clear();",
            "        if (reducing) { // planted bug: a new job starts with the previous job's attempts\n"
                    + "            issued.clear();\n"
                    + "        }\n"
                    + "        holding.clear();");

    @Test
    void coordinatorThatIgnoresOverdueReportsIsCaught(@TempDir Path work) throws Exception {
        // A report from an attempt past its timeout is dropped, although that attempt committed its output.
        assertCaught(List.of(DROP_OVERDUE_REPORTS), work, List.of("everyWorkerSlowerThanTheTimeout"),
                "wordCountWithOneWorker");
    }

    @Test
    void workerThatWritesNoFileForEmptyOutputIsCaught(@TempDir Path work) throws Exception {
        assertCaught(List.of(NO_EMPTY_FILES), work, List.of("emptyPartitionsStillHaveOutputFiles"),
                "wordCountWithOneWorker");
    }

    @Test
    void coordinatorThatKeepsThePreviousJobsAttemptsIsCaught(@TempDir Path work) throws Exception {
        // Sound for one job: only a report of an earlier job's attempt, carried by a worker's next request,
        // closes a task of the new job that nobody ran.
        assertCaught(List.of(KEEP_PREVIOUS_JOBS_ATTEMPTS), work, List.of("severalJobsInARowShareNoState"),
                "manyMapAndReduceTasks");
    }

    @Test
    void coordinatorThatNeverReissuesATaskIsCaught(@TempDir Path work) throws Exception {
        // Neither a timeout, nor a restarted worker, nor a backup ever puts a handed-out task back in play.
        assertCaught(List.of(NEVER_EXPIRE, NO_BACKUPS), work,
                List.of("oneWorkerFailure", "manyFailuresAndNewWorkers", "noOutputHalfWrittenOrCountedTwice"),
                "invertedIndex");
    }

    @Test
    void outputWrittenInPlaceInsteadOfCommittedIsCaught(@TempDir Path work) throws Exception {
        // Workers append straight to the final file names; the commit renames each file onto itself.
        assertCaught(List.of(WRITE_IN_PLACE), work,
                List.of("noOutputHalfWrittenOrCountedTwice"),
                "wordCountWithOneWorker");
    }

    @Test
    void coordinatorWithoutBackupTasksIsCaught(@TempDir Path work) throws Exception {
        assertCaught(List.of(NO_BACKUPS), work, List.of("stragglersGetBackupTasks"), "oneWorkerFailure");
    }

    @Test
    void coordinatorThatCountsReportsInsteadOfTasksIsCaught(@TempDir Path work) throws Exception {
        // Every report of a finished attempt closes some open task, even a repeated report.
        // Workers repeat their last report with every request, so this bug breaks every job, not only
        // those with a duplicating network: there is no unaffected test to compare with.
        assertCaught(List.of(COUNT_REPORTS), work, List.of("duplicateReportsNotDoubleCounted"), null);
    }

    /**
     * Runs {@code catching} and {@code unaffected} on the reference patched with {@code patches}: every
     * run of each catching test must fail, and the unaffected test (if not null) must pass.
     */
    private static void assertCaught(List<Patch> patches, Path work, List<String> catching, String unaffected)
            throws Exception {
        long start = System.nanoTime();
        try (LabVariant lab = LabVariant.reference("mapreduce", patches, work)) {
            long compiled = System.nanoTime();
            List<Outcome> caught = lab.runTests(catching);
            System.out.printf("[planted bug] compiled in %d ms, caught in %d ms%n", (compiled - start) / 1_000_000,
                    (System.nanoTime() - compiled) / 1_000_000);
            Map<String, SuiteRun.Tally> byTest = SuiteRun.tally(caught);
            assertEquals(new TreeSet<>(catching), byTest.keySet(), "every catching test should have run");
            for (Map.Entry<String, SuiteRun.Tally> test : byTest.entrySet()) {
                String passed = String.join(", ", test.getValue().passedOn());
                assertEquals("", passed, test.getKey() + " should catch the planted bug on every seed, but passed on "
                        + passed);
            }
            System.out.println("[planted bug] " + patches.stream().map(p -> p.planted().strip()).toList()
                    + " caught by " + catching + "; first failure: "
                    + caught.get(0).message().lines().findFirst().orElse(""));
            if (unaffected == null) {
                return;
            }
            List<Outcome> control = lab.runTests(List.of(unaffected));
            assertTrue(!control.isEmpty() && control.stream().noneMatch(Outcome::failed), "with the planted bug, "
                    + unaffected + " should still pass (the patch should break nothing else), but: " + control);
        }
    }
}
