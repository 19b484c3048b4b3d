package faultline.grader.similarity;

import java.util.List;

/**
 * Two solutions and how alike JPlag found them: {@code percent} is its average similarity (matched tokens over both
 * sides' tokens, the skeleton's matches left out), and {@code regions} where the matches are, in each side's files.
 */
public record SimilarPair(String first, String second, double percent, int matchedTokens, List<Region> regions) {

    public SimilarPair {
        regions = List.copyOf(regions);
    }

    /** A matched region: lines {@code start..end} (1-based, inclusive) of a file on each side. */
    public record Region(String firstFile, int firstStart, int firstEnd, String secondFile, int secondStart,
                         int secondEnd, int tokens) {
    }
}
