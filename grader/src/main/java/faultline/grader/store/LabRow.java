package faultline.grader.store;

import java.time.Instant;

/** A lab as the database knows it, copied from the course file so rows can reference it. */
public record LabRow(String name, int number, String title, int points, Instant releaseAt, Instant dueAt,
                     Instant hardEndAt) {
}
