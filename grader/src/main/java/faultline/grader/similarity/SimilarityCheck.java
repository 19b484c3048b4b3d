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

    /**
     * The most pairs a check keeps, the most similar ones: they are what staff read, and keeping every pair of a few
     * hundred submissions (45,000 for 300) with its matches would cost more than comparing them.
     */
    public static final int KEPT = 500;

    /**
     * What a check found: the pairs at or above the minimum, most similar first (at most {@link #KEPT}; {@code above}
     * says how many there were in all), how many solutions and pairs were compared, and what could not be compared.
     */
    public record Outcome(List<SimilarPair> pairs, int above, int compared, int comparisons, List<String> leftOut) {
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
            Parsed java = new Parsed(total, progress);
            List<Path> folders = new ArrayList<>();
            try (Stream<Path> c = Files.list(current); Stream<Path> o = Files.list(old)) {
                folders.addAll(Stream.concat(c, o).sorted().toList());
            }
            folders.add(base);
            java.ahead(folders);
            JPlagOptions options = new JPlagOptions(java, Set.of(current.toFile()),
                    earlier.isEmpty() ? Set.of() : Set.of(old.toFile()))
                    .withBaseCodeSubmissionDirectory(base.toFile())
                    .withMaximumNumberOfComparisons(JPlagOptions.SHOW_ALL_COMPARISONS);
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
            List<JPlagComparison> above = new ArrayList<>();
            for (JPlagComparison c : result.getAllComparisons()) {
                if (100.0 * c.similarity() >= minPercent) {
                    above.add(c);
                }
            }
            above.sort(Comparator.comparingDouble(JPlagComparison::similarity).reversed());
            List<SimilarPair> pairs = new ArrayList<>();
            // Ties at the cut are broken by name below, so the kept pairs do not depend on JPlag's thread timing.
            double cut = above.size() > KEPT ? above.get(KEPT - 1).similarity() : -1;
            for (JPlagComparison c : above) {
                if (c.similarity() >= cut) {
                    pairs.add(pair(c, byFolder));
                }
            }
            pairs.sort(Comparator.comparingDouble(SimilarPair::percent).reversed()
                    .thenComparing(SimilarPair::first).thenComparing(SimilarPair::second));
            return new Outcome(pairs.subList(0, Math.min(KEPT, pairs.size())), above.size(), valid.size(),
                    result.getAllComparisons().size(), leftOut);
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

    /**
     * JPlag's Java front end, parsing every solution ahead on all cores (JPlag 4.3.0 parses one submission after
     * another, which is most of a run's time on a few hundred submissions) and handing JPlag each one's tokens when it
     * asks; tokens are the front end's own, so JPlag compares exactly what it would have parsed itself. A set of files
     * not parsed ahead is parsed when asked. Reports the solutions parsed, and then that the comparison runs.
     */
    private static final class Parsed implements Language {
        private final Language java = new de.jplag.java.Language();
        private final int total;
        private final Progress progress;
        /** Tokens, or the ParsingException, by the files' sorted absolute paths. */
        private final Map<List<String>, Object> ready = new java.util.concurrent.ConcurrentHashMap<>();
        private final AtomicInteger parsed = new AtomicInteger();
        private final AtomicInteger asked = new AtomicInteger();

        Parsed(int total, Progress progress) {
            this.total = total;
            this.progress = progress;
        }

        /** Parses the Java files of each folder, several folders at once (a front end per thread: it keeps state). */
        void ahead(List<Path> folders) {
            progress.at("Parsing " + (total - 1) + " solutions", 0, total);
            ThreadLocal<Language> fronts = ThreadLocal.withInitial(de.jplag.java.Language::new);
            folders.parallelStream().forEach(folder -> {
                Set<File> files = javaFiles(folder);
                Object tokens;
                try {
                    tokens = fronts.get().parse(files);
                } catch (ParsingException e) {
                    tokens = e;
                }
                ready.put(key(files), tokens);
                progress.at("Parsing " + (total - 1) + " solutions", parsed.incrementAndGet(), total);
            });
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
        @SuppressWarnings("unchecked")
        public List<Token> parse(Set<File> files) throws ParsingException {
            try {
                Object tokens = ready.remove(key(files));
                if (tokens == null) {
                    return java.parse(files);
                }
                if (tokens instanceof ParsingException e) {
                    throw e;
                }
                return (List<Token>) tokens;
            } finally {
                if (asked.incrementAndGet() >= total) {
                    progress.at("Comparing " + (total - 1) + " solutions pair by pair", total, total);
                }
            }
        }

        private static List<String> key(Set<File> files) {
            return files.stream().map(f -> f.getAbsolutePath()).sorted().toList();
        }

        private static Set<File> javaFiles(Path folder) {
            try (Stream<Path> walk = Files.walk(folder)) {
                Set<File> files = new java.util.LinkedHashSet<>();
                walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".java")).sorted()
                        .forEach(p -> files.add(p.toFile()));
                return files;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not list the files of " + folder + ": " + e.getMessage(), e);
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
