package faultline.grader.submission;

/**
 * Bounds a submission must keep. Sizes are counted while reading, never taken from archive headers.
 *
 * @param maxArchiveBytes  the archive as uploaded
 * @param maxFiles         Java sources (after dropped notes)
 * @param maxFileBytes     one unpacked file
 * @param maxTotalBytes    everything unpacked, dropped notes included
 */
public record SubmissionRules(long maxArchiveBytes, int maxFiles, long maxFileBytes, long maxTotalBytes) {

    public static SubmissionRules defaults() {
        return new SubmissionRules(2L << 20, 100, 256L << 10, 4L << 20);
    }
}
