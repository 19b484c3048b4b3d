package faultline.web.grades;

import faultline.framework.trace.SequenceChart;
import faultline.framework.trace.TraceFile;
import faultline.grader.course.Course;
import faultline.grader.course.CourseException;
import faultline.grader.course.LabConfig;
import faultline.grader.grading.Accepted;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Intake;
import faultline.grader.scoring.RunScore;
import faultline.grader.scoring.TestScore;
import faultline.grader.records.CourseRecords;
import faultline.grader.records.ScoreNotice;
import faultline.grader.records.SubmissionResults;
import faultline.grader.store.Artifact;
import faultline.grader.store.ArtifactKind;
import faultline.grader.store.GradedTest;
import faultline.grader.store.RunRow;
import faultline.grader.store.ScoreRow;
import faultline.grader.store.SubmissionLine;
import faultline.grader.store.TestResultRow;
import faultline.grader.submission.SubmissionRejectedException;
import faultline.runner.report.TestStatus;
import faultline.runner.report.Verdict;
import faultline.web.account.Viewer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A student's work: their labs, submitting, and each submission with its progress and results. Every method
 * takes the viewer and answers only with what that viewer may see: a student asking for another student's
 * submission gets {@link NotFoundException}, exactly as for one that does not exist.
 */
public final class Submissions {

    /** What a student sees of one seed's output; staff see what the grader kept. */
    static final int STUDENT_OUTPUT_CHARS = 4000;

    private final Grader grader;
    private final CourseRecords records;
    private final Clock clock;
    private final QueueClock queue;
    private final Times times;
    private final PublicTests publicTests = new PublicTests();

    public Submissions(Grader grader, QueueClock queue, Times times) {
        this.grader = grader;
        this.records = grader.records();
        this.clock = grader.clock();
        this.queue = queue;
        this.times = times;
    }

    public Course course() {
        return grader.course();
    }

    public List<LabOverview> labs(Viewer viewer) {
        Course course = grader.course();
        Instant now = clock.instant();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SubmissionLine s : records.linesOf(viewer.id())) {
            counts.merge(s.lab(), 1, Integer::sum);
        }
        Feedback feedback = feedback();
        List<LabOverview> labs = new ArrayList<>();
        for (LabConfig lab : course.labs()) {
            Optional<ScoreRow> score = records.currentScore(viewer.id(), lab.name());
            boolean shown = score.isEmpty() || feedback.showsAll(viewer.isStaff(), viewer.login(), lab,
                    records.testsOfRun(score.get().runId()));
            Instant due = course.dueFor(viewer.login(), lab);
            Instant hardEnd = course.hardEndFor(viewer.login(), lab);
            boolean graded = grader.hasSuite(lab.name());
            boolean released = !now.isBefore(lab.release());
            boolean open = graded && released && !now.isAfter(hardEnd);
            String status = !graded ? "no suite yet: nothing to submit"
                    : !released ? "opens " + times.at(lab.release())
                    : now.isAfter(hardEnd) ? "closed"
                    : now.isAfter(due) ? "late submissions accepted until " + times.at(hardEnd) : "open";
            labs.add(new LabOverview(lab.name(), lab.number(), lab.title(), times.at(lab.release()), times.at(due),
                    times.at(hardEnd), lab.points(),
                    score.map(s -> (shown ? points(s.points()) + " / " + points(s.labPoints())
                            : "withheld until every test's result is released")
                            + (s.lateDays() > 0 ? " (" + s.lateDays() + " late day" + (s.lateDays() == 1 ? "" : "s")
                            + ")" : "")).orElse("not graded yet"),
                    counts.getOrDefault(lab.name(), 0), open, status, graded, graded && (released || viewer.isStaff())));
        }
        return labs;
    }

    /** Free late days the student has not yet spent on the grades that currently count. */
    public int lateDaysLeft(Viewer viewer) {
        int used = records.currentScores().stream()
                .filter(s -> s.userId() == viewer.id()).mapToInt(ScoreRow::graceDays).sum();
        return Math.max(0, grader.course().late().lateDaysBudget() - used);
    }

    /** The viewer's submissions, newest first, with points only where every test of the run is released. */
    public List<SubmissionLine> mine(Viewer viewer) {
        Feedback feedback = feedback();
        CourseRecords.LinesWithTests mine = records.linesWithTestsOf(viewer.id());
        Map<Long, List<GradedTest>> tests = new LinkedHashMap<>();
        mine.tests().forEach(t -> tests.computeIfAbsent(t.submissionId(), k -> new ArrayList<>()).add(t));
        return mine.lines().stream().map(line -> grader.course().lab(line.lab())
                .filter(lab -> feedback.showsAll(viewer.isStaff(), viewer.login(), lab,
                        tests.getOrDefault(line.id(), List.of())))
                .map(lab -> line)
                .orElseGet(line::withPointsWithheld)).toList();
    }

    /** The viewer's own grade changes that did not come from submitting (regrades, rescores), newest first. */
    public List<ScoreChangeView> scoreChanges(Viewer viewer) {
        return scoreChangesOf(viewer, viewer.login(), records.scoreNotices(viewer.id()));
    }

    /** The grade changes that concern one submission (it was counted before or is now), newest first. */
    public List<ScoreChangeView> scoreChanges(Viewer viewer, long submissionId) {
        SubmissionLine line = line(viewer, submissionId);
        return scoreChangesOf(viewer, line.login(), records.scoreNotices(line.userId()).stream()
                .filter(n -> n.concerns(submissionId)).toList());
    }

    private List<ScoreChangeView> scoreChangesOf(Viewer viewer, String login, List<ScoreNotice> notices) {
        Feedback feedback = feedback();
        List<ScoreChangeView> views = new ArrayList<>();
        for (ScoreNotice n : notices) {
            Optional<LabConfig> lab = grader.course().lab(n.lab());
            List<String> changes = new ArrayList<>();
            int unreleased = 0;
            for (ScoreNotice.Change c : n.changes()) {
                if (c.aboutTest() && (lab.isEmpty()
                        || !feedback.shows(viewer.isStaff(), login, lab.get(), c.testId(), c.category()))) {
                    unreleased++;
                } else {
                    changes.add(c.text());
                }
            }
            if (unreleased > 0) {
                changes.add(unreleased + " test(s) whose results are not released yet changed too.");
            }
            views.add(new ScoreChangeView(n.lab(), lab.map(LabConfig::title).orElse(n.lab()), points(n.before()),
                    points(n.after()), points(n.labPoints()), String.format(Locale.ROOT, "%+.2f", n.delta()),
                    times.at(n.at()), n.reason(), n.afterSubmissionId(), changes));
        }
        return views;
    }

    private Feedback feedback() {
        return new Feedback(grader.course(), clock.instant(), records.publishedLabs());
    }

    /** Submits for the viewer; staff submitting for themselves skip the release date and limits. */
    public Accepted submit(Viewer viewer, String lab, String fileName, byte[] archive)
            throws SubmissionRejectedException, CourseException {
        return grader.intake().submit(viewer.login(), lab, fileName, archive,
                viewer.isStaff() ? Intake.Rules.STAFF : Intake.Rules.STUDENT);
    }

    public Progress progress(Viewer viewer, long submissionId) {
        line(viewer, submissionId);
        return queue.progressOf(records.standing(submissionId));
    }

    public SubmissionPage page(Viewer viewer, long submissionId) {
        return page(viewer, submissionId, snapshot(submissionId));
    }

    /**
     * What a submission page is made of, as read from the database. A finished submission's snapshot stays valid
     * until its data version changes (a regrade adds a job and a run), so most page views read one version
     * instead of seven queries; visibility is still decided per request, since it moves with the clock.
     */
    private record Snapshot(String version, Optional<SubmissionLine> line, Progress progress, Optional<RunRow> run,
                            List<Artifact> artifacts, List<MadeTest> tests, double countedPoints) {
    }

    /** One test of a snapshot, drawn for staff and for its student; which of them a viewer gets is decided later. */
    private record MadeTest(String testId, String category, TestView forStaff, TestView forStudent) {
    }

    /** Snapshots of finished submissions; emptied when it grows past this many (each is a few kilobytes). */
    private static final int SNAPSHOTS = 20_000;
    private final Map<Long, Snapshot> snapshots = new java.util.concurrent.ConcurrentHashMap<>();

    private Snapshot snapshot(long submissionId) {
        Snapshot known = snapshots.get(submissionId);
        Optional<SubmissionResults> read = records.resultsIfChanged(submissionId, known == null ? "" : known.version());
        if (read.isEmpty()) {
            return known;
        }
        SubmissionResults results = read.get();
        String version = results.version();
        Optional<SubmissionLine> found = results.line();
        if (found.isEmpty()) {
            return new Snapshot(version, found, new Progress("FAILED", 0, 0, ""), Optional.empty(), List.of(),
                    List.of(), 0);
        }
        Progress progress = queue.progressOf(results.standing());
        Optional<RunRow> run = results.run();
        List<TestResultRow> rows = results.results();
        List<Artifact> artifacts = results.artifacts();
        Map<Long, Boolean> traced = new java.util.HashMap<>();
        for (TestResultRow row : rows) {
            traced.put(row.id(), row.status() != TestStatus.PASSED
                    && traceArtifact(row, artifacts).flatMap(records::artifactContent).isPresent());
        }
        List<MadeTest> tests = grader.course().lab(found.get().lab())
                .map(lab -> madeTests(lab, rows, traced, results.notCounted())).orElse(List.of());
        Snapshot fresh = new Snapshot(version, found, progress, run, artifacts, tests, results.countedPoints());
        if (progress.finished()) {
            if (snapshots.size() > SNAPSHOTS) {
                snapshots.clear();
            }
            snapshots.put(submissionId, fresh);
        }
        return fresh;
    }

    private SubmissionPage page(Viewer viewer, long submissionId, Snapshot snap) {
        SubmissionLine line = snap.line()
                .filter(l -> viewer.isStaff() || l.userId() == viewer.id())
                .orElseThrow(() -> new NotFoundException("There is no submission " + submissionId
                        + " of yours. Pick one from your submissions list."));
        Progress progress = snap.progress();
        Optional<LabConfig> lab = grader.course().lab(line.lab());
        String title = lab.map(LabConfig::title).orElse(line.lab());
        Optional<RunRow> run = snap.run();
        // Known from intake on, so said while the submission waits as well.
        List<String> courseCopies = records.courseCopies(line.id()).sentences();
        if (run.isEmpty() || lab.isEmpty()) {
            return new SubmissionPage(line.id(), line.lab(), title, line.login(), times.at(line.receivedAt()),
                    line.lateStatus(), line.lateDays(), progress, "", "", "", false, "", List.of(), 0,
                    viewer.isStaff(), "", false, List.of(), "", courseCopies);
        }
        RunRow r = run.get();
        List<Artifact> artifacts = snap.artifacts();
        Feedback feedback = feedback();
        List<TestView> tests = new ArrayList<>();
        int withheld = 0;
        for (MadeTest t : snap.tests()) {
            if (!feedback.shows(viewer.isStaff(), line.login(), lab.get(), t.testId(), t.category())) {
                withheld++;
                continue;
            }
            tests.add(viewer.isStaff() ? t.forStaff() : t.forStudent());
        }
        // What failed is what a reader came for: failing tests first, each group in the suite's order.
        tests.sort(java.util.Comparator.comparing(TestView::allPassed));
        boolean totalShown = withheld == 0;
        // The total as the score counts it: failures of tests flagged by calibration are not counted (the grader's
        // ScoreKeeper rule); the run's own figure is said beside it when they differ.
        String total = !totalShown ? "" : points(snap.countedPoints()) + " / " + points(r.maxPoints())
                + (Math.abs(snap.countedPoints() - r.rawPoints()) < 1e-9 ? ""
                : " (" + points(r.rawPoints()) + " before the failures that are not counted)");
        boolean staff = viewer.isStaff();
        // The runner's summary counts every test ("11 of 14 tests passed"), withheld ones too.
        String message = totalShown || r.verdict() != Verdict.COMPLETED ? r.message()
                : "The suite ran; the results of " + withheld + " test(s) are not released yet.";
        return new SubmissionPage(line.id(), line.lab(), title, line.login(), times.at(line.receivedAt()),
                line.lateStatus(), line.lateDays(), progress, r.verdict().name(), message,
                r.sandboxKind().map(k -> k.toLowerCase(Locale.ROOT)).orElse("none"), totalShown, total, tests,
                withheld, staff, staff ? r.log() : "", r.logTruncated(),
                staff ? artifacts.stream().map(a -> a.kind() + " " + a.path() + " (" + a.bytes() + " bytes)").toList()
                        : List.of(), staff ? r.phases() : "", courseCopies);
    }

    /** The trace of one failing seed, if the viewer may see that test. */
    public TraceFile trace(Viewer viewer, long resultId) {
        try {
            return TraceFile.read(new String(traceJson(viewer, resultId), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(e.getMessage());
        }
    }

    /** The trace of one failing seed as the test kit wrote it (JSON), if the viewer may see that test. */
    public byte[] traceJson(Viewer viewer, long resultId) {
        TestResultRow row = records.testResult(resultId)
                .orElseThrow(() -> new NotFoundException("There is no trace " + resultId + "."));
        RunRow run = records.run(row.runId()).orElseThrow();
        SubmissionLine line = line(viewer, run.submissionId());
        LabConfig lab = grader.course().lab(line.lab())
                .orElseThrow(() -> new NotFoundException("Lab " + line.lab() + " is not in the course any more."));
        Feedback feedback = feedback();
        if (!feedback.shows(viewer.isStaff(), line.login(), lab, row.testId(), row.category())) {
            throw new NotFoundException("There is no trace " + resultId + ".");
        }
        return traceArtifact(row, records.artifacts(row.runId())).flatMap(records::artifactContent)
                .orElseThrow(() -> new NotFoundException("This test left no trace to draw."));
    }

    /** Each test of a run with its seeds, as staff and as the student see it. */
    private List<MadeTest> madeTests(LabConfig lab, List<TestResultRow> rows, Map<Long, Boolean> traced,
                                     List<String> notCounted) {
        Map<String, TestScore> scores = new LinkedHashMap<>();
        RunScore.ofRows(rows).tests().forEach(t -> scores.put(t.testId(), t));
        Map<String, List<TestResultRow>> byTest = new LinkedHashMap<>();
        rows.forEach(row -> byTest.computeIfAbsent(row.testId(), k -> new ArrayList<>()).add(row));
        List<MadeTest> made = new ArrayList<>();
        for (Map.Entry<String, List<TestResultRow>> e : byTest.entrySet()) {
            TestResultRow first = e.getValue().get(0);
            TestScore score = scores.get(e.getKey());
            TestView[] views = new TestView[2];
            for (int staff = 0; staff < 2; staff++) {
                boolean isStaff = staff == 1;
                List<SeedView> seeds = e.getValue().stream()
                        .map(row -> seedView(isStaff, lab.name(), row, traced.getOrDefault(row.id(), false))).toList();
                views[staff] = new TestView(first.testId(), testName(first), suiteName(first), first.description(),
                        first.category(), lab.visibilityOf(first.testId(), first.category()).key(),
                        points(score.points()), first.maxPoints(), score.seedsPassed(), score.seedsRun(),
                        score.passedAll(), seeds, !score.passedAll() && notCounted.contains(first.testId()));
            }
            made.add(new MadeTest(first.testId(), first.category(), views[1], views[0]));
        }
        return made;
    }

    private SeedView seedView(boolean staff, String lab, TestResultRow row, boolean traced) {
        boolean passed = row.status() == TestStatus.PASSED;
        String output = row.output();
        boolean cut = row.outputTruncated();
        if (!staff && output.length() > STUDENT_OUTPUT_CHARS) {
            output = output.substring(0, STUDENT_OUTPUT_CHARS);
            cut = true;
        }
        long traceId = !passed && traced ? row.id() : 0;
        String local = passed ? "" : publicTests.localReplay(lab, row.className(), row.method(), row.seed()).orElse("");
        return new SeedView(row.id(), row.seed(), STATUS.getOrDefault(row.status(), row.status().name()), passed,
                forReaders(row.message()), local, staff && !passed ? row.replay() : "", output, cut, traceId);
    }

    private static final Map<TestStatus, String> STATUS = Map.of(TestStatus.PASSED, "passed", TestStatus.FAILED,
            "failed", TestStatus.ERRORED, "error", TestStatus.TIMED_OUT, "timed out", TestStatus.SKIPPED, "skipped");

    /**
     * A failure's message as a person reads it on the dashboard: the seed and scenario stay; the replay and trace
     * lines go, since they name a command and files inside the sandbox that nobody reading the page can use (the
     * page offers each reader the replay command they can run, and draws the trace).
     */
    static String forReaders(String message) {
        StringBuilder kept = new StringBuilder(message.length());
        for (String line : message.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("replay:") || t.startsWith("trace:")) {
                continue;
            }
            kept.append(line).append('\n');
        }
        return kept.toString().stripTrailing();
    }

    /** The test's method name: what titles its row (the runner's display name is the seed's). */
    static String testName(TestResultRow row) {
        if (!row.method().isEmpty()) {
            return row.method();
        }
        int hash = row.testId().indexOf('#');
        return hash >= 0 ? row.testId().substring(hash + 1) : row.testId();
    }

    static String suiteName(TestResultRow row) {
        String c = row.className().isEmpty() ? row.testId().replaceAll("#.*", "") : row.className();
        return c.substring(c.lastIndexOf('.') + 1);
    }

    /** The trace of a result: the artifact whose path ends with the file name the runner reported. */
    private static Optional<Artifact> traceArtifact(TestResultRow row, List<Artifact> artifacts) {
        if (row.traceFile().isEmpty()) {
            return Optional.empty();
        }
        String reported = row.traceFile().get().replace('\\', '/');
        String name = reported.substring(reported.lastIndexOf('/') + 1);
        return artifacts.stream().filter(a -> a.kind() == ArtifactKind.TRACE || a.kind() == ArtifactKind.OTHER)
                .filter(a -> a.path().replace('\\', '/').endsWith("/" + name) || a.path().equals(name))
                .findFirst();
    }

    SubmissionLine line(Viewer viewer, long submissionId) {
        return records.line(submissionId)
                .filter(l -> viewer.isStaff() || l.userId() == viewer.id())
                .orElseThrow(() -> new NotFoundException("There is no submission " + submissionId
                        + " of yours. Pick one from your submissions list."));
    }

    static String points(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.2f", p);
    }

    static double round2(double p) {
        return Math.round(p * 100) / 100.0;
    }
}
