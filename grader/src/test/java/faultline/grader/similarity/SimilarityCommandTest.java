package faultline.grader.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.cli.Cli;
import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Intake;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.queue.MutableClock;
import faultline.grader.records.SimilarityRecords;
import faultline.grader.store.StoreKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code faultline similarity} on pbkv, on both databases: three students hand in the reference, the reference with
 * its comments removed and names changed, and the untouched skeleton. The disguised copy ranks first; the skeleton,
 * being the base code, matches nobody; the run, its pairs, their matched regions and the compared files are kept.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class SimilarityCommandTest {

    static final Path HOME = Path.of("..");
    static final Path REFERENCE = HOME.resolve("reference-impl/src/main/java/faultline/labs/pbkv");
    static final Path SKELETON = HOME.resolve("student-skeleton/src/main/java/faultline/labs/pbkv");
    /** Fields, locals and parameters of the reference's PBServer, ViewService and Clerk, renamed. */
    static final Map<String, String> NEW_NAMES = Map.of("view", "currentView", "stateView", "transferredIn",
            "readyView", "servingIn", "forwarding", "busyForwarding", "forwardId", "fwdSeq", "acknowledged", "acked",
            "clientId", "me", "sequence", "counter", "current", "pending", "supersededBy", "newerView");
    private static final Pattern ROW = Pattern.compile("^\\s*(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+([\\d.]+)%$",
            Pattern.MULTILINE);

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    private String url;
    private MutableClock clock;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void handIn() throws Exception {
        url = kind.freshUrl(dir);
        clock = new MutableClock(CourseFile.defaultCourse().lab("pbkv").orElseThrow().release().plus(Duration.ofDays(1)));
        try (Grader grader = grader()) {
            submit(grader, "alice", folder("alice", REFERENCE, s -> s));
            submit(grader, "bob", folder("bob", REFERENCE, s -> Copies.renamed(Copies.withoutComments(s), NEW_NAMES)));
            submit(grader, "carol", folder("carol", SKELETON, s -> s));
        }
    }

    @AfterEach
    void drop() {
        if (url != null) {
            StoreKind.drop(url);
        }
    }

    private Grader grader() {
        return new Grader(new DataFolder(dir.resolve("data")), CourseFile.defaultCourse(), clock,
                SuiteCatalog.of(Set.of("pbkv")), Optional.of(url));
    }

    private Path folder(String who, Path lab, java.util.function.UnaryOperator<String> disguise) throws Exception {
        Path root = dir.resolve("handins").resolve(who);
        Copies.copy(lab, root.resolve("faultline/labs/pbkv"), disguise);
        return root;
    }

    private void submit(Grader grader, String login, Path folder) throws Exception {
        grader.users().ensureStudent(login, "test");
        grader.intake().submit(login, "pbkv", folder, Intake.Rules.STAFF);
        clock.advance(Duration.ofMinutes(5));
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] all = new String[args.length + 4];
        all[0] = "similarity";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--data";
        all[args.length + 2] = dir.resolve("data").toString();
        all[args.length + 3] = "--db=" + url;
        return Cli.builder(new PrintWriter(out), new PrintWriter(err))
                .env(Map.of("FAULTLINE_HOME", HOME.toString())).clock(clock)
                .suites(SuiteCatalog.of(Set.of("pbkv"))).build().execute(all);
    }

    @Test
    void theDisguisedCopyRanksFirstAndTheSkeletonMatchesNobody() {
        assertEquals(0, run("pbkv", "--min", "0"), err.toString());
        String text = out.toString();
        Matcher rows = ROW.matcher(text);
        assertTrue(rows.find(), text);
        assertEquals(Set.of("alice", "bob"), Set.of(rows.group(2), rows.group(3)), text);
        double first = Double.parseDouble(rows.group(4));
        assertTrue(first >= 80, "the renamed, comment-stripped copy is " + first + "% like the original:\n" + text);
        int skeletonPairs = 0;
        while (rows.find()) {
            assertTrue(rows.group(2).equals("carol") || rows.group(3).equals("carol"), text);
            assertTrue(Double.parseDouble(rows.group(4)) <= 20, "the skeleton is no evidence:\n" + text);
            skeletonPairs++;
        }
        assertEquals(2, skeletonPairs, "with --min 0 every pair is printed:\n" + text);

        try (Grader grader = grader()) {
            List<SimilarityRecords.Run> runs = grader.similarity().runs("pbkv");
            assertEquals(1, runs.size());
            SimilarityRecords.Run run = runs.get(0);
            assertEquals(SimilarityRecords.State.DONE, run.state(), run.message());
            assertEquals(3, run.submissions());
            assertEquals(3, run.comparisons());
            assertEquals(0.0, run.settings().minPercent());
            SimilarityRecords.PairView pair = grader.similarity().pair(run.id(), 1).orElseThrow();
            assertEquals("alice", pair.pair().first().name());
            assertEquals("bob", pair.pair().second().name());
            assertTrue(pair.pair().first().submissionId().isPresent());
            // Only the files with solution regions are compared: the course's provided files are left out.
            assertEquals(Set.of("faultline/labs/pbkv/Clerk.java", "faultline/labs/pbkv/PBServer.java",
                    "faultline/labs/pbkv/ViewService.java"), pair.firstFiles().keySet());
            assertFalse(pair.secondFiles().get("faultline/labs/pbkv/PBServer.java").contains("//"),
                    "bob's copy is kept as compared, comments removed");
            assertTrue(pair.regions().stream().anyMatch(r -> r.firstFile().endsWith("PBServer.java")
                    && r.secondFile().endsWith("PBServer.java") && r.firstEnd() - r.firstStart() >= 20), pair.regions()
                    .toString());
            for (SimilarPair.Region r : pair.regions()) {
                int lines = (int) pair.firstFiles().get(r.firstFile()).lines().count();
                assertTrue(r.firstStart() >= 1 && r.firstEnd() <= lines && r.firstStart() <= r.firstEnd(), r.toString());
            }
            assertTrue(grader.similarity().pairs(run.id(), 20).stream().noneMatch(p -> p.first().name().equals("carol")
                    || p.second().name().equals("carol")));
        }
    }

    @Test
    void anEarlierSolutionInItsBuildLayoutIsComparedWithEveryStudent() throws Exception {
        Path earlier = dir.resolve("earlier");
        Copies.copy(REFERENCE, earlier.resolve("web-2014/src/main/java/faultline/labs/pbkv"), Copies::withoutComments);
        assertEquals(0, run("pbkv", "--compare-with", earlier.toString(), "--min", "50"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("3 solutions compared") || text.contains("4 solutions compared"), text);
        Matcher rows = ROW.matcher(text);
        int rowsSeen = 0;
        boolean earlierWithAlice = false;
        while (rows.find()) {
            rowsSeen++;
            assertTrue(Double.parseDouble(rows.group(4)) >= 50, text);
            earlierWithAlice |= rows.group(2).equals("alice") && rows.group(3).equals("earlier/web-2014");
        }
        assertTrue(earlierWithAlice, "the earlier solution comes second in its pair with alice:\n" + text);
        assertEquals(3, rowsSeen, "alice, bob and the earlier solution are pairwise alike, carol is like nobody:\n" + text);
        try (Grader grader = grader()) {
            SimilarityRecords.Run run = grader.similarity().runs("pbkv").get(0);
            assertEquals(Optional.of(earlier.toAbsolutePath().normalize().toString()), run.settings().comparedWith());
            SimilarityRecords.PairView pair = grader.similarity().pairs(run.id(), 0).stream()
                    .filter(p -> p.second().earlier()).findFirst()
                    .flatMap(p -> grader.similarity().pair(run.id(), p.rank())).orElseThrow();
            assertEquals(Set.of("src/main/java/faultline/labs/pbkv/Clerk.java",
                    "src/main/java/faultline/labs/pbkv/PBServer.java", "src/main/java/faultline/labs/pbkv/ViewService.java"),
                    pair.secondFiles().keySet(), "the earlier solution's provided files are left out too");
        }
    }

    @Test
    void aLabNobodySubmittedToFailsWithASentenceAndIsRecordedAsFailed() {
        assertEquals(2, run("paxoskv"));
        assertTrue(err.toString().contains("Lab paxoskv has 0 student submission(s)"), err.toString());
        try (Grader grader = grader()) {
            assertEquals(SimilarityRecords.State.FAILED, grader.similarity().runs("paxoskv").get(0).state());
        }
    }
}
