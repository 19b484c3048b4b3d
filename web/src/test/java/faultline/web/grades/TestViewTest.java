package faultline.web.grades;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeds that failed alike are shown once, with the seeds listed; a summary line says what failed. */
class TestViewTest {

    private static SeedView seed(long seed, String status, String message) {
        return new SeedView(seed, seed, status, status.equals("passed"), message, "", "", "", false, 0);
    }

    private static TestView test(String name, List<SeedView> seeds) {
        boolean passed = seeds.stream().allMatch(SeedView::passed);
        return new TestView("T#" + name, name, "T", "", "BASIC", "visible", "0", 2, 0, seeds.size(), passed, seeds,
                false);
    }

    @Test
    void seedsThatFailedAlikeAreOneGroupWhateverTheirSeedLine() {
        TestView t = test("scripted", List.of(
                seed(1, "failed", "p3 decided \"b\" but p0 decided \"a\"\n  seed:     1\n  scenario: no faults"),
                seed(2, "passed", ""),
                seed(3, "failed", "p3 decided \"b\" but p0 decided \"a\"\n  seed:     3\n  scenario: no faults"),
                seed(4, "failed", "p2 decided \"c\" but p0 decided \"a\"\n  seed:     4\n  scenario: no faults"),
                seed(5, "passed", "")));
        List<TestView.SeedGroup> groups = t.seedGroups();
        assertEquals(List.of(List.of(1L, 3L), List.of(2L, 5L), List.of(4L)),
                groups.stream().map(TestView.SeedGroup::seeds).toList());
        assertEquals(List.of("seeds 1 and 3", "seeds 2 and 5", "seed 4"),
                groups.stream().map(TestView.SeedGroup::label).toList());
        assertEquals(1, groups.get(0).first().seed(), "the first seed stands for its group");
        assertEquals("seeds 1, 2 and 3", new TestView.SeedGroup(List.of(1L, 2L, 3L), seed(1, "failed", "")).label());
    }

    @Test
    void theSummaryNamesTheFailingTests() {
        TestView passing = test("a", List.of(seed(1, "passed", "")));
        TestView failing = test("b", List.of(seed(1, "failed", "x")));
        TestView alsoFailing = test("c", List.of(seed(1, "error", "y")));
        assertEquals("2 of 3 tests failed: b and c.", page(List.of(failing, alsoFailing, passing)).summary());
        assertEquals("All 2 tests passed.", page(List.of(passing, passing)).summary());
        assertEquals("1 of 1 test failed: b.", page(List.of(failing)).summary());
    }

    private static SubmissionPage page(List<TestView> tests) {
        return new SubmissionPage(1, "pingpong", "Lab 0", "alice", "", "", 0, null, "COMPLETED", "", "docker", true,
                "", tests, 0, false, "", false, List.of(), "", List.of());
    }
}
