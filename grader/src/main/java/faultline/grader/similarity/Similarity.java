package faultline.grader.similarity;

import faultline.grader.course.CourseException;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Regrade;
import faultline.grader.records.SimilarityRecords;
import faultline.grader.records.SimilarityRecords.Settings;
import faultline.grader.store.Role;
import faultline.grader.store.Submission;
import faultline.grader.store.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The similarity check of a lab as the CLI and the dashboard run it: every student's counted submission (the
 * latest, or the one the grade stands on) and any earlier solutions, compared by {@link SimilarityCheck} with the
 * lab's skeleton as base code, the run and its progress recorded through {@link SimilarityRecords}.
 */
public final class Similarity {

    /** Where an earlier solution's name starts, so it can never be taken for a student's login. */
    public static final String EARLIER = "earlier/";

    private final Grader grader;
    private final Path referenceRoot;

    /** A check over {@code grader}'s records, the handed-out code taken from the reference sources at {@code referenceRoot}. */
    public Similarity(Grader grader, Path referenceRoot) {
        this.grader = grader;
        this.referenceRoot = referenceRoot;
    }

    /** Checks the settings, then records a new run of them as running and returns its id; {@link #complete} does it. */
    public long begin(Settings settings, String actor) throws CourseException {
        grader.course().requireLab(settings.lab());
        handedOut(settings.lab());
        Optional<Path> folder = settings.comparedWith().map(Path::of);
        if (folder.isPresent() && !Files.isDirectory(folder.get())) {
            throw new IllegalArgumentException("There is no folder " + folder.get() + " of earlier solutions. Give a "
                    + "folder that holds one folder per earlier solution.");
        }
        return grader.similarity().begin(settings, actor);
    }

    /** Begins and completes a run in this thread. */
    public SimilarityRecords.Run run(Settings settings, String actor) throws CourseException {
        return complete(begin(settings, actor), settings);
    }

    /**
     * Runs a begun run to its end, recording its progress as it goes. The run's own failures (too few submissions,
     * an unreadable folder) are recorded as its failure, with a sentence, rather than thrown.
     */
    public SimilarityRecords.Run complete(long runId, Settings settings) {
        SimilarityRecords records = grader.similarity();
        Progress progress = new Throttled(runId, records);
        try {
            HandedOut handedOut = handedOut(settings.lab());
            List<Solution> students = counted(settings.lab(), settings.which(), handedOut, progress);
            List<Solution> earlier = new ArrayList<>();
            if (settings.comparedWith().isPresent()) {
                earlier.addAll(earlier(Path.of(settings.comparedWith().get()), handedOut));
            }
            if (students.isEmpty() || students.size() + earlier.size() < 2) {
                throw new IllegalArgumentException("Lab " + settings.lab() + " has " + students.size() + " student "
                        + "submission(s) and " + earlier.size() + " earlier solution(s): a comparison needs a student's "
                        + "submission and at least one more solution.");
            }
            SimilarityCheck.Outcome outcome = new SimilarityCheck(grader.data().scratch())
                    .compare(handedOut, students, earlier, settings.minPercent(), progress);
            Map<String, Solution> byName = new LinkedHashMap<>();
            students.forEach(s -> byName.put(s.name(), s));
            earlier.forEach(s -> byName.put(s.name(), s));
            String message = outcome.compared() + " solutions compared in " + count(outcome.comparisons(), "pair")
                    + "; " + outcome.above() + " at or above " + percent(settings.minPercent())
                    + (outcome.above() > outcome.pairs().size() ? ", the " + outcome.pairs().size() + " most similar "
                    + "kept" : "") + "."
                    + (outcome.leftOut().isEmpty() ? "" : " Left out because JPlag could not parse them as Java or "
                    + "they were too short to compare: " + String.join(", ", outcome.leftOut()) + ".");
            records.finish(runId, outcome, byName, message);
        } catch (IOException e) {
            records.fail(runId, "The similarity check could not read or write its files: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            records.fail(runId, e.getMessage());
        } catch (RuntimeException e) {
            records.fail(runId, "The similarity check failed unexpectedly: " + e + ". This is a bug in Faultline; "
                    + "please report it with the lab and settings.");
        }
        return records.run(runId).orElseThrow();
    }

    /** A percent as the pages and the CLI print it: one decimal. */
    public static String percent(double percent) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", percent);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private HandedOut handedOut(String lab) {
        return HandedOut.of(referenceRoot, lab).orElseThrow(() -> new IllegalArgumentException("The skeleton of lab "
                + lab + " was not found: there are no reference sources of it under " + referenceRoot + ". Run this "
                + "from the Faultline checkout, or set FAULTLINE_HOME to it."));
    }

    /** Each student's counted submission of the lab, its Java sources without the course's provided files. */
    private List<Solution> counted(String lab, Regrade.Which which, HandedOut handedOut, Progress progress)
            throws IOException {
        List<User> students = grader.records().users().stream().filter(u -> u.role() == Role.STUDENT).toList();
        List<Solution> solutions = new ArrayList<>();
        int done = 0;
        for (User u : students) {
            progress.at("Collecting the submissions", done++, students.size());
            Optional<Long> pick = Regrade.pick(grader.records().submissions(u.id(), lab),
                    grader.records().currentScore(u.id(), lab), which);
            if (pick.isEmpty()) {
                continue;
            }
            Submission submission = grader.records().submission(pick.get()).orElseThrow();
            SortedMap<String, String> files = new TreeMap<>();
            grader.sourcesOf(submission).forEach((path, bytes) -> {
                if (path.endsWith(".java") && !handedOut.isProvided(path)) {
                    files.put(path, new String(bytes, StandardCharsets.UTF_8));
                }
            });
            solutions.add(new Solution(u.login(), Optional.of(submission.id()), files));
        }
        return solutions;
    }

    /** Every folder inside {@code folder} is one earlier solution: its Java files, provided files left out. */
    private static List<Solution> earlier(Path folder, HandedOut handedOut) throws IOException {
        List<Solution> solutions = new ArrayList<>();
        List<Path> each;
        try (Stream<Path> list = Files.list(folder)) {
            each = list.filter(Files::isDirectory).sorted().toList();
        }
        for (Path one : each) {
            SortedMap<String, String> files = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(one)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String path = one.relativize(file).toString().replace('\\', '/');
                    if (path.endsWith(".java") && !handedOut.isProvided(path)) {
                        files.put(path, Files.readString(file, StandardCharsets.UTF_8));
                    }
                }
            }
            if (!files.isEmpty()) {
                solutions.add(new Solution(EARLIER + one.getFileName(), Optional.empty(), files));
            }
        }
        if (solutions.isEmpty()) {
            throw new IllegalArgumentException("The folder " + folder + " holds no earlier solutions: put each one in a "
                    + "folder of its own inside it, with its .java files.");
        }
        return solutions;
    }

    /** Records progress at most every quarter second, and at every change of phase. */
    private static final class Throttled implements Progress {
        private static final long EVERY_NANOS = 250_000_000L;
        private final long run;
        private final SimilarityRecords records;
        private String lastPhase = "";
        private long lastAt;

        Throttled(long run, SimilarityRecords records) {
            this.run = run;
            this.records = records;
        }

        @Override
        public synchronized void at(String phase, int done, int total) {
            long now = System.nanoTime();
            if (phase.equals(lastPhase) && now - lastAt < EVERY_NANOS && done < total) {
                return;
            }
            lastPhase = phase;
            lastAt = now;
            records.progress(run, phase, done, total);
        }
    }
}
