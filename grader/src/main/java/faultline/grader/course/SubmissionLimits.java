package faultline.grader.course;

import java.time.Duration;

/** How often a student may submit to a lab: at most {@code maxSubmissions}, at least {@code cooldown} apart. */
public record SubmissionLimits(int maxSubmissions, Duration cooldown) {
}
