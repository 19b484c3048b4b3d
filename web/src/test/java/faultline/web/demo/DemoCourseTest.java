package faultline.web.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.course.Course;
import faultline.grader.course.CourseFile;
import faultline.grader.course.LabConfig;
import faultline.grader.grading.SuiteCatalog;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoCourseTest {

    @Test
    void everyLabWithASuiteIsOpenTodayAndTheOthersKeepTheirLaterDates() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        Course demo = DemoCourse.around(CourseFile.defaultCourse(), now,
                SuiteCatalog.of(Set.of("pingpong", "mapreduce", "pbkv")));
        for (String name : Set.of("pingpong", "mapreduce", "pbkv")) {
            LabConfig lab = demo.lab(name).orElseThrow();
            assertFalse(lab.release().isAfter(now), name + " is released");
            assertTrue(lab.due().isAfter(now), name + " is not yet due");
        }
        for (String name : Set.of("paxoskv", "shardkv")) {
            assertTrue(demo.lab(name).orElseThrow().release().isAfter(now), name + " has no suite and opens later");
        }
    }
}
