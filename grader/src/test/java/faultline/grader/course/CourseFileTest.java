package faultline.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CourseFileTest {

    private static final String LAB = """
            labs:
              - name: pbkv
                number: 2
                title: PB
                release: 2026-09-01T09:00
                due: 2026-10-01T23:59
                hard_end: 2026-10-05T23:59
                points: 100
            """;

    private static String error(String yaml) {
        return assertThrows(CourseException.class, () -> CourseFile.parse(yaml, "course.yaml")).getMessage();
    }

    @Test
    void theDefaultCourseHasLabZeroAndTheFourLabs() {
        Course course = CourseFile.defaultCourse();
        assertEquals(List.of("pingpong", "mapreduce", "pbkv", "paxoskv", "shardkv"),
                course.labs().stream().map(LabConfig::name).toList());
        assertEquals(3, course.seeds());
        assertEquals(Visibility.VISIBLE, course.lab("pbkv").orElseThrow().visibilityOf("X#y", "BASIC"));
        assertEquals(Visibility.AFTER_DUE_DATE, course.lab("pbkv").orElseThrow().visibilityOf("X#y", "PARTITION"));
    }

    @Test
    void readsDatesInTheCourseTimeZoneDurationsAndSizes() throws Exception {
        Course c = CourseFile.parse("""
                name: DS
                timezone: America/New_York
                limits: { max_submissions: 20, cooldown: 5m }
                sandbox: { memory: 512MiB, wall_clock: 90s }
                extensions: [ { student: alice, lab: pbkv, days: 2 } ]
                """ + LAB.replace("points: 100", "points: 100\n    tests: { \"S#t\": hidden }"), "course.yaml");
        LabConfig pbkv = c.lab("pbkv").orElseThrow();
        assertEquals(Instant.parse("2026-10-02T03:59:00Z"), pbkv.due());
        assertEquals(Duration.ofMinutes(5), c.limits().cooldown());
        assertEquals(512L << 20, c.sandbox().memoryBytes());
        assertEquals(Duration.ofSeconds(90), c.sandbox().wallClock());
        assertEquals(pbkv.due().plus(Duration.ofDays(2)), c.dueFor("alice", pbkv));
        assertEquals(Visibility.HIDDEN, pbkv.visibilityOf("S#t", "BASIC"));
        assertEquals(List.of(2001L, 2002L, 2003L), c.seedsFor(pbkv));
    }

    @Test
    void errorsNameTheFieldAndWhatIsAllowed() {
        assertEquals("In course.yaml, field `labs[0].dew` is not a known field; allowed here: name, number, title, "
                + "release, due, hard_end, points, seeds, visibility, categories, tests.",
                error("name: DS\n" + LAB.replace("due:", "dew:")));
        assertTrue(error("name: DS\n" + LAB.replace("2026-10-01T23:59", "October 1st")).contains("`labs[0].due` 'October 1st' is not a date"));
        assertTrue(error("name: DS\n" + LAB.replace("2026-10-05T23:59", "2026-09-05T23:59"))
                .contains("`labs[0].hard_end` is before the due date"));
        assertTrue(error("name: DS\n" + LAB.replace("points: 100", "points: 100\n    visibility: secret"))
                .contains("allowed: visible, after_due_date, after_published, hidden"));
        assertTrue(error("name: DS\nextensions: [ { student: a, lab: nolab, days: 1 } ]\n" + LAB)
                .contains("`extensions[0].lab` 'nolab' is not one of the labs (pbkv)"));
        assertTrue(error("name: DS\npolicy: newest\n" + LAB).contains("allowed: best, latest"));
        assertTrue(error("name: DS\nseeds: 0\n" + LAB).contains("`seeds` '0' is not allowed; give a whole number from 1 to 50"));
        assertTrue(error("name: DS\nsandbox: { memory: lots }\n" + LAB).contains("`sandbox.memory` 'lots' is not a size"));
        assertTrue(error("name: DS\n").contains("`labs` is missing or empty"));
        assertTrue(error("name: [unclosed\n").contains("is not valid YAML"));
        assertTrue(error("name: DS\n" + LAB + LAB.substring("labs:\n".length()))
                .contains("'pbkv' is used by two labs"));
    }
}
