package faultline.grader.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * One grading run: the lab, the folder of the student's sources (as validated and unpacked),
 * the seeds each test runs on, the limits, and where artifacts (results.json, traces, the full
 * log) are to be copied.
 */
public record SandboxRequest(String lab, Path sources, List<Long> seeds, SandboxLimits limits, Path artifacts) {
}
