package faultline.grader.similarity;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One side of the comparison: a student's counted submission ({@code name} is the login, {@code submissionId} the
 * submission) or an earlier solution ({@code name} says where it came from, no submission). {@code files} are the
 * Java sources compared, by path, the course's provided files already left out.
 */
public record Solution(String name, Optional<Long> submissionId, SortedMap<String, String> files) {

    public Solution {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** Whether this is an earlier term's or a known public solution rather than a student's submission. */
    public boolean earlier() {
        return submissionId.isEmpty();
    }
}
