package faultline.grader.records;

import faultline.grader.grading.Regrade;
import faultline.grader.similarity.SimilarPair;
import faultline.grader.similarity.SimilarityCheck;
import faultline.grader.similarity.Solution;
import faultline.grader.store.AuditLog;
import faultline.grader.store.Database;
import faultline.grader.store.SimilarityDao;
import faultline.grader.store.SimilarityFileRow;
import faultline.grader.store.SimilarityMatchRow;
import faultline.grader.store.SimilarityPairRow;
import faultline.grader.store.SimilarityRunRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What similarity runs have on record: each run of a lab with its settings, time and progress, its ranked pairs, and
 * for a pair the matched regions and both sides' compared files. For staff only: the dashboard asks here behind its
 * staff check, and nothing here is reachable from a student's pages or the API.
 */
public final class SimilarityRecords {

    /** Where a run is. */
    public enum State { RUNNING, DONE, FAILED }

    /**
     * How a run compares: {@code which} submission of each student, the least similarity in percent a pair needs to
     * be kept, and a folder of earlier solutions to compare with (as given, for the record).
     */
    public record Settings(String lab, Regrade.Which which, double minPercent, Optional<String> comparedWith) {
        public Settings {
            if (minPercent < 0 || minPercent > 100 || Double.isNaN(minPercent)) {
                throw new IllegalArgumentException("The minimum similarity must be a percent from 0 to 100, not "
                        + minPercent + ".");
            }
        }
    }

    /** A run as recorded. */
    public record Run(long id, Settings settings, String requestedBy, Instant startedAt, Optional<Instant> finishedAt,
                      State state, String phase, int done, int total, int submissions, int comparisons,
                      String message) {
        public String lab() {
            return settings.lab();
        }

        public boolean finished() {
            return state != State.RUNNING;
        }
    }

    /** One side of a pair: a student's login and submission, or an earlier solution (no submission). */
    public record Side(String name, Optional<Long> submissionId) {
        public boolean earlier() {
            return submissionId.isEmpty();
        }
    }

    /** A ranked pair (1 is the most similar). */
    public record Pair(int rank, Side first, Side second, double percent, int matchedTokens) {
    }

    /** A pair with where its matches are and both sides' files as compared, by path. */
    public record PairView(Run run, Pair pair, List<SimilarPair.Region> regions, SortedMap<String, String> firstFiles,
                           SortedMap<String, String> secondFiles) {
        public PairView {
            regions = List.copyOf(regions);
            firstFiles = Collections.unmodifiableSortedMap(new TreeMap<>(firstFiles));
            secondFiles = Collections.unmodifiableSortedMap(new TreeMap<>(secondFiles));
        }
    }

    private final Database db;
    private final Clock clock;

    public SimilarityRecords(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records a new run as RUNNING (audited) and returns its id. */
    public long begin(Settings settings, String actor) {
        return db.write(h -> {
            Instant now = clock.instant();
            long id = h.attach(SimilarityDao.class).begin(settings.lab(), settings.which().name(),
                    settings.minPercent(), settings.comparedWith().orElse(""), actor, now,
                    "Collecting the submissions");
            h.attach(AuditLog.class).append(now, actor, "similarity run", "lab " + settings.lab(), "run=" + id
                    + " which=" + settings.which().name().toLowerCase(Locale.ROOT) + " min=" + settings.minPercent()
                    + "%" + settings.comparedWith().map(f -> " compare-with=" + f).orElse(""));
            return id;
        });
    }

    /** Where a running run is now; ignored once it has finished. */
    public void progress(long run, String phase, int done, int total) {
        db.write(h -> h.attach(SimilarityDao.class).progress(run, phase, done, total));
    }

    /**
     * Records what a run found, in one transaction: its pairs in rank order with their matched regions, and the
     * compared files of every side that appears in a pair ({@code solutions} by name).
     */
    public void finish(long run, SimilarityCheck.Outcome outcome, Map<String, Solution> solutions, String message) {
        db.write(h -> {
            SimilarityDao dao = h.attach(SimilarityDao.class);
            TreeSet<String> shown = new TreeSet<>();
            int rank = 0;
            for (SimilarPair p : outcome.pairs()) {
                rank++;
                long pairId = dao.insertPair(run, rank, p.first(), submissionOf(solutions, p.first()), p.second(),
                        submissionOf(solutions, p.second()), p.percent(), p.matchedTokens());
                List<SimilarityMatchRow> matches = new ArrayList<>();
                int ordinal = 0;
                for (SimilarPair.Region r : p.regions()) {
                    matches.add(new SimilarityMatchRow(pairId, ordinal++, r.firstFile(), r.firstStart(), r.firstEnd(),
                            r.secondFile(), r.secondStart(), r.secondEnd(), r.tokens()));
                }
                dao.insertMatches(matches);
                shown.add(p.first());
                shown.add(p.second());
            }
            for (String name : shown) {
                List<SimilarityFileRow> files = new ArrayList<>();
                solutions.get(name).files().forEach((path, text) -> files.add(new SimilarityFileRow(run, name, path,
                        text)));
                dao.insertFiles(files);
            }
            dao.finish(run, State.DONE.name(), "Done", clock.instant(), outcome.compared(), outcome.comparisons(),
                    message);
            return null;
        });
    }

    /** Records that a run failed, with a sentence saying why. */
    public void fail(long run, String message) {
        db.write(h -> h.attach(SimilarityDao.class).finish(run, State.FAILED.name(), "Failed", clock.instant(), 0, 0,
                message));
    }

    public Optional<Run> run(long id) {
        return db.read(h -> h.attach(SimilarityDao.class).run(id)).map(SimilarityRecords::toRun);
    }

    /** A lab's runs, newest first. */
    public List<Run> runs(String lab) {
        return db.read(h -> h.attach(SimilarityDao.class).runs(lab)).stream().map(SimilarityRecords::toRun).toList();
    }

    /** A run's kept pairs at or above {@code minPercent}, most similar first. */
    public List<Pair> pairs(long run, double minPercent) {
        return db.read(h -> h.attach(SimilarityDao.class).pairs(run, minPercent)).stream()
                .map(SimilarityRecords::toPair).toList();
    }

    /** One pair of a run by its rank, with its matches and both sides' files; empty when there is no such pair. */
    public Optional<PairView> pair(long runId, int rank) {
        return db.read(h -> {
            SimilarityDao dao = h.attach(SimilarityDao.class);
            Optional<SimilarityRunRow> run = dao.run(runId);
            Optional<SimilarityPairRow> row = dao.pair(runId, rank);
            if (run.isEmpty() || row.isEmpty()) {
                return Optional.empty();
            }
            List<SimilarPair.Region> regions = dao.matches(row.get().id()).stream()
                    .map(m -> new SimilarPair.Region(m.firstFile(), m.firstStart(), m.firstEnd(), m.secondFile(),
                            m.secondStart(), m.secondEnd(), m.tokens())).toList();
            return Optional.of(new PairView(toRun(run.get()), toPair(row.get()), regions,
                    files(dao, runId, row.get().firstName()), files(dao, runId, row.get().secondName())));
        });
    }

    private static SortedMap<String, String> files(SimilarityDao dao, long run, String name) {
        SortedMap<String, String> files = new TreeMap<>();
        dao.files(run, name).forEach(f -> files.put(f.path(), f.text()));
        return files;
    }

    private static Long submissionOf(Map<String, Solution> solutions, String name) {
        return solutions.get(name).submissionId().orElse(null);
    }

    private static Run toRun(SimilarityRunRow r) {
        Settings settings = new Settings(r.lab(), Regrade.Which.valueOf(r.which()), r.minPercent(),
                Optional.of(r.comparedWith()).filter(s -> !s.isEmpty()));
        return new Run(r.id(), settings, r.requestedBy(), r.startedAt(), r.finishedAt(), State.valueOf(r.state()),
                r.phase(), r.done(), r.total(), r.submissions(), r.comparisons(), r.message());
    }

    private static Pair toPair(SimilarityPairRow r) {
        return new Pair(r.rank(), new Side(r.firstName(), r.firstSubmission()),
                new Side(r.secondName(), r.secondSubmission()), r.percent(), r.matchedTokens());
    }
}
