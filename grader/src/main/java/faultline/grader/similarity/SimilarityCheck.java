package faultline.grader.similarity;

import de.jplag.JPlag;
import de.jplag.JPlagComparison;
import de.jplag.JPlagResult;
import de.jplag.Language;
import de.jplag.Match;
import de.jplag.ParsingException;
import de.jplag.Submission;
import de.jplag.Token;
import de.jplag.exceptions.ExitException;
import de.jplag.options.JPlagOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Compares solutions with JPlag (its Java front end, default settings): every student's solution with every other
 * and with each earlier solution (earlier ones are not compared among themselves), the lab's skeleton as base code so
 * that handed-out code is no evidence. Pure: it reads nothing but its arguments and writes only a scratch folder,
 * which it removes.
 */
public final class SimilarityCheck {

    /** What a check found: pairs at or above the minimum, most similar first, and what it could not compare. */
    public record Outcome(List<SimilarPair> pairs, int compared, int comparisons, List<String> leftOut) {
        public Outcome {
            pairs = List.copyOf(pairs);
            leftOut = List.copyOf(leftOut);
        }
    }

    private final Path scratch;

    /** A check that lays solutions out for JPlag under {@code scratch} (created if missing). */
    public SimilarityCheck(Path scratch) {
        this.scratch = scratch;
    }

    /**
     * Compares {@code students} with each other and with {@code earlier}, and keeps the pairs whose similarity is at
     * least {@code minPercent}. Fails with a sentence when fewer than two solutions can be compared.
     */
    public Outcome compare(HandedOut handedOut, List<Solution> students, List<Solution> earlier, double minPercent,
                           Progress progress) throws IOException {
        Files.createDirectories(scratch);
        Path work = Files.createTempDirectory(scratch, "similarity-");
        try {
            Map<String, Solution> byFolder = new LinkedHashMap<>();
            Path current = work.resolve("current");
            Path old = work.resolve("earlier");
            Path base = work.resolve("skeleton");
            Files.createDirectories(current);
            Files.createDirectories(old);
            int n = 0;
            for (Solution s : students) {
                String folder = String.format("s%05d", n++);
                write(current.resolve(folder), s.files());
                byFolder.put(folder, s);
            }
            for (Solution s : earlier) {
                String folder = String.format("s%05d", n++);
                write(old.resolve(folder), s.files());
                byFolder.put(folder, s);
            }
            write(base, handedOut.skeleton());

            int total = n + 1;
            Language java = new Counted(new de.jplag.java.Language(), total, progress);
            JPlagOptions options = new JPlagOptions(java, Set.of(current.toFile()),
                    earlier.isEmpty() ? Set.of() : Set.of(old.toFile()))
                    .withBaseCodeSubmissionDirectory(base.toFile())
                    .withMaximumNumberOfComparisons(JPlagOptions.SHOW_ALL_COMPARISONS);
            progress.at("Parsing " + n + " solutions", 0, total);
            JPlagResult result;
            try {
                result = new JPlag(options).run();
            } catch (ExitException e) {
                throw new IllegalArgumentException("JPlag could not compare the solutions: " + e.getMessage()
                        + ". A comparison needs at least two submissions that parse as Java.", e);
            }
            List<String> leftOut = new ArrayList<>();
            Set<String> valid = new TreeSet<>();
            result.getSubmissions().getSubmissions().forEach(s -> valid.add(folderOf(s)));
            byFolder.forEach((folder, s) -> {
                if (!valid.contains(folder)) {
                    leftOut.add(s.name());
                }
            });
            List<SimilarPair> pairs = new ArrayList<>();
            for (JPlagComparison c : result.getAllComparisons()) {
                double percent = 100.0 * c.similarity();
                if (percent >= minPercent) {
                    pairs.add(pair(c, byFolder));
                }
            }
            pairs.sort(Comparator.comparingDouble(SimilarPair::percent).reversed()
                    .thenComparing(SimilarPair::first).thenComparing(SimilarPair::second));
            return new Outcome(pairs, valid.size(), result.getAllComparisons().size(), leftOut);
        } finally {
            deleteTree(work);
        }
    }

    /** A pair with its sides in a steady order: students before earlier solutions, then by name. */
    private static SimilarPair pair(JPlagComparison c, Map<String, Solution> byFolder) {
        Solution a = byFolder.get(folderOf(c.firstSubmission()));
        Solution b = byFolder.get(folderOf(c.secondSubmission()));
        boolean swap = a.earlier() != b.earlier() ? a.earlier() : a.name().compareTo(b.name()) > 0;
        Submission first = swap ? c.secondSubmission() : c.firstSubmission();
        Submission second = swap ? c.firstSubmission() : c.secondSubmission();
        List<SimilarPair.Region> regions = new ArrayList<>();
        for (Match m : c.matches()) {
            int fs = swap ? m.startOfSecond() : m.startOfFirst();
            int ss = swap ? m.startOfFirst() : m.startOfSecond();
            Span one = Span.of(first, fs, m.length());
            Span two = Span.of(second, ss, m.length());
            regions.add(new SimilarPair.Region(one.file(), one.start(), one.end(), two.file(), two.start(), two.end(),
                    m.length()));
        }
        regions.sort(Comparator.comparing(SimilarPair.Region::firstFile).thenComparingInt(SimilarPair.Region::firstStart));
        return new SimilarPair(byFolder.get(folderOf(first)).name(), byFolder.get(folderOf(second)).name(),
                100.0 * c.similarity(), c.getNumberOfMatchedTokens(), regions);
    }

    /** The folder a submission was read from (JPlag prefixes the names of several roots' submissions with the root). */
    private static String folderOf(Submission s) {
        return s.getRoot().getName();
    }

    /** The lines a run of matched tokens covers; JPlag never matches across a file's end, so it is in one file. */
    private record Span(String file, int start, int end) {
        static Span of(Submission s, int from, int length) {
            List<Token> tokens = s.getTokenList().subList(from, from + length);
            int start = Integer.MAX_VALUE;
            int end = 0;
            for (Token t : tokens) {
                start = Math.min(start, t.getLine());
                end = Math.max(end, t.getLine());
            }
            String file = s.getRoot().toPath().relativize(tokens.get(0).getFile().toPath()).toString().replace('\\', '/');
            return new Span(file, start, end);
        }
    }

    /** JPlag's Java front end, counting the solutions it has parsed (one call each, the skeleton included). */
    private static final class Counted implements Language {
        private final Language java;
        private final int total;
        private final Progress progress;
        private final AtomicInteger parsed = new AtomicInteger();

        Counted(Language java, int total, Progress progress) {
            this.java = java;
            this.total = total;
            this.progress = progress;
        }

        @Override
        public String[] suffixes() {
            return java.suffixes();
        }

        @Override
        public String getName() {
            return java.getName();
        }

        @Override
        public String getIdentifier() {
            return java.getIdentifier();
        }

        @Override
        public int minimumTokenMatch() {
            return java.minimumTokenMatch();
        }

        @Override
        public List<Token> parse(Set<File> files) throws ParsingException {
            try {
                return java.parse(files);
            } finally {
                int done = parsed.incrementAndGet();
                if (done >= total) {
                    int solutions = total - 1;
                    progress.at("Comparing " + solutions + " solutions pair by pair", done, total);
                } else {
                    progress.at("Parsing " + (total - 1) + " solutions", done, total);
                }
            }
        }
    }

    private static void write(Path folder, Map<String, String> files) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = root.resolve(file.getKey()).normalize();
            if (!path.startsWith(root)) {
                throw new IOException("The file " + file.getKey() + " would be written outside its folder.");
            }
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
        Files.createDirectories(root);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the scratch folder " + root + ": " + e.getMessage(), e);
        }
    }
}
