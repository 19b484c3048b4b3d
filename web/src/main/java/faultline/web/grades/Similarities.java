package faultline.web.grades;

import faultline.grader.course.CourseException;
import faultline.grader.course.LabConfig;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Regrade;
import faultline.grader.records.SimilarityRecords;
import faultline.grader.similarity.SimilarPair;
import faultline.grader.similarity.Similarity;
import faultline.web.account.Viewer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Code similarity for staff: a lab's runs and ranked pairs above a threshold, a run started in the background with
 * its progress, and a pair's two submissions side by side with the matched regions marked. Every operation checks
 * the viewer is staff first, so no student reaches any of it through a page or the API.
 */
public final class Similarities {

    /** The threshold the pages start from: the least similarity in percent a listed pair has. */
    public static final double DEFAULT_THRESHOLD = 50;
    /** Highlight colours cycle through this many classes ({@code match-0} ... in faultline.css). */
    static final int COLOURS = 8;

    private final Grader grader;
    private final Similarity similarity;
    /** One run at a time: JPlag already keeps every core busy comparing. */
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "similarity");
        t.setDaemon(true);
        return t;
    });

    public Similarities(Grader grader, Path referenceRoot) {
        this.grader = grader;
        this.similarity = new Similarity(grader, referenceRoot);
    }

    /** A run as the pages show it: settings in words and progress as a percent of its phase. */
    public record RunLine(long id, String lab, String which, String minPercent, String comparedWith,
                          String requestedBy, Instant startedAt, Optional<Instant> finishedAt, String state,
                          boolean finished, String phase, int done, int total, int percentDone, int submissions,
                          int comparisons, String message) {
        static RunLine of(SimilarityRecords.Run r) {
            return new RunLine(r.id(), r.lab(), r.settings().which().name().toLowerCase(Locale.ROOT),
                    Similarity.percent(r.settings().minPercent()), r.settings().comparedWith().orElse(""),
                    r.requestedBy(), r.startedAt(), r.finishedAt(), r.state().name(), r.finished(), r.phase(), r.done(),
                    r.total(), r.total() == 0 ? 0 : (int) Math.min(100, 100L * r.done() / r.total()), r.submissions(),
                    r.comparisons(), r.message());
        }
    }

    /** A ranked pair as listed: both sides' names (an earlier solution says so) and the similarity. */
    public record PairLine(long run, int rank, String first, boolean firstEarlier, String second,
                           boolean secondEarlier, String percent, double value, int matchedTokens) {
        static PairLine of(long run, SimilarityRecords.Pair p) {
            return new PairLine(run, p.rank(), p.first().name(), p.first().earlier(), p.second().name(),
                    p.second().earlier(), Similarity.percent(p.percent()), p.percent(), p.matchedTokens());
        }
    }

    /** A lab's similarity page: its runs (newest first), the run shown, and its pairs at or above the threshold. */
    public record LabPage(String lab, String title, List<RunLine> runs, Optional<RunLine> shown, double threshold,
                          String thresholdText, List<PairLine> pairs) {
    }

    /**
     * A line of a compared file; {@code match} is the number of the matched region it belongs to (from 1), 0 for
     * none, and {@code opensMatch} whether the region starts here (where the region's link leads).
     */
    public record Line(int number, String text, int match, String colour, boolean opensMatch) {
    }

    /** A compared file of one side, line by line. */
    public record File(String path, String anchor, List<Line> lines) {
    }

    /** A matched region as listed under the pair: where on each side, how many tokens. */
    public record Region(int index, String colour, String firstFile, int firstStart, int firstEnd, String secondFile,
                         int secondStart, int secondEnd, int tokens) {
    }

    /** A pair side by side. */
    public record PairPage(RunLine run, PairLine pair, List<Region> regions, List<File> firstFiles,
                           List<File> secondFiles) {
    }

    public LabPage lab(Viewer viewer, String labName, Optional<Long> runId, Optional<Double> threshold) {
        Staff.require(viewer);
        LabConfig lab = lab(labName);
        List<SimilarityRecords.Run> runs = grader.similarity().runs(lab.name());
        Optional<SimilarityRecords.Run> shown = runId.isPresent()
                ? runs.stream().filter(r -> r.id() == runId.get()).findFirst()
                : runs.stream().filter(r -> r.state() == SimilarityRecords.State.DONE).findFirst()
                .or(() -> runs.stream().findFirst());
        if (runId.isPresent() && shown.isEmpty()) {
            throw new NotFoundException("Lab " + lab.name() + " has no similarity run " + runId.get() + ".");
        }
        double at = threshold.orElse(DEFAULT_THRESHOLD);
        if (at < 0 || at > 100 || Double.isNaN(at)) {
            throw new IllegalArgumentException("The threshold is a percent from 0 to 100.");
        }
        List<PairLine> pairs = shown.filter(r -> r.state() == SimilarityRecords.State.DONE)
                .map(r -> grader.similarity().pairs(r.id(), at).stream().map(p -> PairLine.of(r.id(), p)).toList())
                .orElse(List.of());
        return new LabPage(lab.name(), lab.title(), runs.stream().map(RunLine::of).toList(), shown.map(RunLine::of),
                at, Similarity.percent(at).replace("%", ""), pairs);
    }

    /** A run's state, for the live part of the lab page while it runs. */
    public RunLine run(Viewer viewer, String labName, long runId) {
        Staff.require(viewer);
        return grader.similarity().run(runId).filter(r -> r.lab().equals(labName)).map(RunLine::of)
                .orElseThrow(() -> new NotFoundException("Lab " + labName + " has no similarity run " + runId + "."));
    }

    /** Starts a run of the lab in the background and returns its id at once; the lab page follows its progress. */
    public long start(Viewer viewer, String labName, Regrade.Which which, double minPercent) throws CourseException {
        Staff.require(viewer);
        SimilarityRecords.Settings settings = new SimilarityRecords.Settings(lab(labName).name(), which, minPercent,
                Optional.empty());
        long id = similarity.begin(settings, viewer.login());
        background.submit(() -> similarity.complete(id, settings));
        return id;
    }

    public PairPage pair(Viewer viewer, long runId, int rank) {
        Staff.require(viewer);
        SimilarityRecords.PairView view = grader.similarity().pair(runId, rank).orElseThrow(() ->
                new NotFoundException("Similarity run " + runId + " has no pair ranked " + rank + "."));
        List<Region> regions = new ArrayList<>();
        int i = 0;
        for (SimilarPair.Region r : view.regions()) {
            regions.add(new Region(i + 1, colour(i), r.firstFile(), r.firstStart(), r.firstEnd(), r.secondFile(),
                    r.secondStart(), r.secondEnd(), r.tokens()));
            i++;
        }
        return new PairPage(RunLine.of(view.run()), PairLine.of(runId, view.pair()), regions,
                files("a", view.firstFiles(), regions, true), files("b", view.secondFiles(), regions, false));
    }

    private static List<File> files(String side, Map<String, String> files, List<Region> regions, boolean first) {
        List<File> out = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String> f : files.entrySet()) {
            List<Line> lines = new ArrayList<>();
            int number = 0;
            int previous = 0;
            for (String text : f.getValue().split("\n", -1)) {
                number++;
                int match = 0;
                for (Region r : regions) {
                    String file = first ? r.firstFile() : r.secondFile();
                    int start = first ? r.firstStart() : r.secondStart();
                    int end = first ? r.firstEnd() : r.secondEnd();
                    if (file.equals(f.getKey()) && number >= start && number <= end) {
                        match = r.index();
                        break;
                    }
                }
                lines.add(new Line(number, text.replace("\r", ""), match, match == 0 ? "" : colour(match - 1),
                        match != 0 && match != previous));
                previous = match;
            }
            out.add(new File(f.getKey(), side + "-file-" + n++, lines));
        }
        return out;
    }

    private static String colour(int index) {
        return "match-" + (index % COLOURS);
    }

    private LabConfig lab(String name) {
        return grader.course().lab(name)
                .orElseThrow(() -> new NotFoundException("There is no lab '" + name + "' in this course."));
    }
}
