package faultline.grader.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import faultline.grader.course.Course;
import faultline.grader.course.LabConfig;
import faultline.grader.queue.JobHandler;
import faultline.grader.queue.Lease;
import faultline.grader.sandbox.Sandbox;
import faultline.grader.sandbox.SandboxOutcome;
import faultline.grader.sandbox.SandboxRequest;
import faultline.grader.sandbox.SandboxUnavailableException;
import faultline.grader.scoring.RunScore;
import faultline.grader.store.ArtifactKind;
import faultline.grader.store.Database;
import faultline.grader.store.NewArtifact;
import faultline.grader.store.NewRun;
import faultline.grader.store.NewTestResult;
import faultline.grader.store.SharedSourceDao;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import faultline.grader.submission.ContentStore;
import faultline.runner.report.RunReport;
import faultline.runner.report.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A worker's job handler: unpacks the stored sources into scratch space, runs them through this
 * worker's sandbox with the lab's seeds and limits, and turns the outcome into a run with per-test
 * results, points and artifacts. The scratch copy is always removed; the artifacts stay.
 */
public final class SandboxGrading implements JobHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Larger artifacts stay on the grading host only (staff can fetch them there). */
    static final long SHARED_ARTIFACT_LIMIT = 8L << 20;

    private final Database db;
    private final ContentStore store;
    private final Course course;
    private final DataFolder data;
    private final Sandbox sandbox;
    private final Clock clock;
    private final SuiteCatalog suites;
    private final Optional<Calibrator> calibrator;

    public SandboxGrading(Database db, ContentStore store, Course course, DataFolder data, Sandbox sandbox, Clock clock) {
        this(db, store, course, data, sandbox, clock, SuiteCatalog.of(java.util.Set.of()), Optional.empty());
    }

    /**
     * As above; runs record the suite digest {@code suites} gives, and the worker calibrates with {@code calibrator}.
     */
    SandboxGrading(Database db, ContentStore store, Course course, DataFolder data, Sandbox sandbox, Clock clock,
                   SuiteCatalog suites, Optional<Calibrator> calibrator) {
        this.db = db;
        this.store = store;
        this.course = course;
        this.data = data;
        this.sandbox = sandbox;
        this.clock = clock;
        this.suites = suites;
        this.calibrator = calibrator;
    }

    @Override
    public void calibrate(String worker) {
        calibrator.ifPresent(c -> c.calibrate(worker, sandbox));
    }

    @Override
    public NewRun grade(Lease lease, String worker) throws SandboxUnavailableException {
        Instant started = clock.instant();
        Submission submission = db.read(h -> h.attach(SubmissionDao.class).byId(lease.submissionId())).orElseThrow();
        LabConfig lab = course.lab(submission.lab()).orElseThrow(() -> new SandboxUnavailableException("Lab "
                + submission.lab() + " is no longer in the course file, so submission " + submission.id()
                + " cannot be graded; put the lab back or regrade later."));
        Path relative = Path.of("sub-" + submission.id(), "job-" + lease.jobId() + "-attempt-" + lease.attempt());
        Path artifacts = data.artifacts().resolve(relative);
        Path scratch = data.scratch().resolve("job-" + lease.jobId() + "-attempt-" + lease.attempt());
        try {
            deleteTree(scratch);
            Files.createDirectories(artifacts);
            fetchIfMissing(submission.contentHash());
            store.unpack(submission.contentHash(), scratch);
        } catch (IOException e) {
            throw new SandboxUnavailableException("Could not prepare submission " + submission.id() + " for grading ("
                    + e.getMessage() + ")", e);
        }
        // Asked before the run: a suite replaced while it runs is calibrated before this worker's next lease anyway.
        Optional<String> digest = suites.digest(lab.name());
        try {
            SandboxOutcome outcome = sandbox.grade(new SandboxRequest(lab.name(), scratch, course.seedsFor(lab),
                    course.sandbox(), artifacts).ofStoredSubmission(submission.id()));
            return toRun(worker, started, outcome, artifacts, digest);
        } finally {
            deleteTree(scratch);
        }
    }

    /** A worker on another host has no copy of the sources in its data folder: it takes them from the database. */
    private void fetchIfMissing(String hash) throws IOException {
        if (store.contains(hash)) {
            return;
        }
        byte[] shared = db.read(h -> h.attach(SharedSourceDao.class).get(hash)).orElseThrow(() -> new IOException(
                "its sources are neither in this host's data folder nor in the shared database"));
        store.putBytes(hash, shared);
    }

    private NewRun toRun(String worker, Instant started, SandboxOutcome outcome, Path artifacts,
                         Optional<String> digest) {
        Optional<RunReport> report = outcome.report();
        boolean completed = outcome.verdict() == Verdict.COMPLETED && report.isPresent();
        RunScore score = completed ? RunScore.ofReport(report.get().tests()) : RunScore.none();
        List<NewTestResult> results = report.map(r -> r.tests().stream().map(NewTestResult::of).toList())
                .orElse(List.of());
        Map<String, Long> phases = new LinkedHashMap<>();
        outcome.phases().forEach((name, d) -> phases.put(name, d.toMillis()));
        // The sandbox already merges the runner's own phases (compile, check, tests) into its map.
        String message = outcome.message();
        if (!report.map(r -> r.diagnostics().isEmpty()).orElse(true)) {
            message = message + "\n" + String.join("\n", report.get().diagnostics().stream().map(Object::toString).toList());
        }
        // A run that did not complete earns nothing, but its maximum still shows what was at stake.
        double max = completed ? score.maxPoints() : report.map(r -> RunScore.ofReport(r.tests()).maxPoints()).orElse(0.0);
        Instant finished = clock.instant();
        return new NewRun(worker, Optional.of(outcome.kind().name()), outcome.verdict(), message, started, finished,
                outcome.elapsed().toMillis(), json(phases), score.rawPoints(), max, outcome.log(),
                outcome.logTruncated(), results, artifacts(artifacts, outcome.fullLog()), digest);
    }

    private List<NewArtifact> artifacts(Path folder, Path fullLog) {
        List<NewArtifact> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                ArtifactKind kind = file.equals(fullLog) ? ArtifactKind.FULL_LOG
                        : name.equals("results.json") ? ArtifactKind.RESULTS
                        // The runner writes traces as traces/Class.method.seed-N.json: the folder says what they are.
                        : name.contains("trace") || folder.relativize(file).startsWith("traces") ? ArtifactKind.TRACE
                        : ArtifactKind.OTHER;
                long size = Files.size(file);
                // On a shared database the dashboard may be on another host: traces and results go with the run.
                boolean share = db.dialect() == Database.Dialect.POSTGRESQL && size <= SHARED_ARTIFACT_LIMIT
                        && (kind == ArtifactKind.TRACE || kind == ArtifactKind.RESULTS);
                found.add(new NewArtifact(kind, data.root().relativize(file).toString(), size,
                        share ? Optional.of(Files.readAllBytes(file)) : Optional.empty()));
            }
        } catch (IOException e) {
            // Artifacts are for staff convenience; a listing failure must not turn a graded run into a platform error.
        }
        return found;
    }

    private static String json(Map<String, Long> phases) {
        try {
            return JSON.writeValueAsString(phases);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Scratch space only; a leftover folder is cleaned up when the same attempt directory is reused.
        }
    }

    @Override
    public void close() {
        sandbox.close();
    }

}
