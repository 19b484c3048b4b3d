package faultline.grader.submission;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Sources that passed every check, keyed by their path under the source root
 * ({@code faultline/labs/<lab>/...}), in sorted order.
 *
 * @param dropped notes (README, .txt, .md) that were read, counted and left out, for telling the student
 */
public record ValidatedSubmission(String lab, SortedMap<String, byte[]> files, List<String> dropped) {

    public ValidatedSubmission {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        dropped = List.copyOf(dropped);
    }

    public long bytes() {
        return files.values().stream().mapToLong(b -> b.length).sum();
    }
}
