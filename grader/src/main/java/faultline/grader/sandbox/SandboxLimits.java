package faultline.grader.sandbox;

import java.time.Duration;

/**
 * Resource limits for one grading run.
 *
 * @param memoryBytes memory limit; swap is set equal to it, so there is no swap on top
 * @param cpus        CPU quota in cores
 * @param pids        process/thread limit
 * @param wallClock   deadline for the whole run, after which it is stopped, then killed
 * @param perTest     preemptive timeout for one test on one seed
 * @param outputBytes cap on the log shown to the student (the full log is kept for staff)
 * @param tmpfsBytes  size of the writable scratch space
 */
public record SandboxLimits(long memoryBytes, double cpus, int pids, Duration wallClock, Duration perTest,
                            long outputBytes, long tmpfsBytes) {

    public static SandboxLimits defaults() {
        return new SandboxLimits(768L << 20, 1.0, 256, Duration.ofMinutes(5), Duration.ofSeconds(60),
                64L << 10, 256L << 20);
    }
}
