package faultline.grader.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.cli.FakeSandbox;
import faultline.grader.course.CourseFile;
import faultline.grader.course.LabConfig;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Intake;
import faultline.grader.grading.ReferenceSolutions;
import faultline.grader.grading.SandboxFactory;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.queue.MutableClock;
import faultline.grader.queue.QueueEvents;
import faultline.grader.sandbox.Sandbox;
import faultline.grader.sandbox.SandboxKind;
import faultline.grader.sandbox.SandboxOutcome;
import faultline.grader.sandbox.SandboxRequest;
import faultline.grader.sandbox.SandboxUnavailableException;
import faultline.grader.store.AuditEntry;
import faultline.grader.store.CalibrationResultRow;
import faultline.grader.store.CalibrationRow;
import faultline.grader.store.JobState;
import faultline.grader.store.NewCalibration;
import faultline.grader.store.RunRow;
import faultline.grader.store.StoreKind;
import faultline.grader.store.WorkerLine;
import faultline.runner.report.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Calibration on both databases, through the real worker pool and {@link FakeSandbox}: the reference is graded
 * before any lease and again when the suite's digest changes; a reference run that does not complete, or one far
 * slower than its peers', takes the worker out of rotation and it leases nothing until staff put it back; a test
 * the reference fails on one seed is flagged, its failures on students' submissions are not counted (the score keeps
 * those points, the stored run is untouched) until staff decide, and every step is audited.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class CalibrationTest {

    private static final String LAB = "pbkv";
    /** FakeSandbox's suite: test a (10 points) always passes, test b (6 points) fails seed 2 on "FLAKY" sources. */
    private static final String FLAKY_TEST = "FakeSuite#b";

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    private String url;
    private Grader grader;
    private final MovingSuite suites = new MovingSuite("d1");
    private LabConfig lab;

    /** A suite catalog whose digest a test can change, as replacing the suites jar would. */
    static final class MovingSuite implements SuiteCatalog {
        volatile String digest;

        MovingSuite(String digest) {
            this.digest = digest;
        }

        @Override
        public boolean hasSuite(String lab) {
            return lab.equals(LAB);
        }

        @Override
        public Optional<String> digest(String lab) {
            return hasSuite(lab) ? Optional.of(digest) : Optional.empty();
        }
    }

    @BeforeEach
    void open() {
        url = kind.freshUrl(dir);
        lab = CourseFile.defaultCourse().lab(LAB).orElseThrow();
        grader = new Grader(new DataFolder(dir.resolve("data")), CourseFile.defaultCourse(),
                new MutableClock(lab.release().plus(Duration.ofDays(1))), suites, Optional.of(url));
    }

    @AfterEach
    void close() {
        if (grader != null) {
            grader.close();
        }
        StoreKind.drop(url);
    }

    @Test
    void theReferenceIsGradedBeforeAnyLeaseAndAgainWhenTheSuiteChanges() throws Exception {
        long first = submit("s1", "clean");
        long second = submit("s2", "clean");
        AtomicInteger graded = new AtomicInteger();
        // After the first student's job the suites jar is replaced: the worker must calibrate again before its next.
        SandboxFactory changing = around(FakeSandbox.factory(), request -> {
            if (!isReference(request) && graded.incrementAndGet() == 1) {
                suites.digest = "d2";
            }
        });
        grader.workers(1, changing, QueueEvents.none(), references("")).drain();

        List<CalibrationRow> calibrations = grader.calibrations().all();
        assertEquals(List.of("d1", "d2"), calibrations.stream().map(CalibrationRow::suiteDigest).toList());
        assertEquals(1, calibrations.stream().map(CalibrationRow::worker).distinct().count(), "the same worker");
        assertTrue(calibrations.stream().allMatch(c -> c.verdict() == Verdict.COMPLETED && c.lab().equals(LAB)));
        List<CalibrationResultRow> outcomes = grader.calibrations().results(calibrations.get(0).id());
        assertEquals(2 * 3, outcomes.size(), "two tests on three seeds: " + outcomes);
        assertTrue(outcomes.stream().allMatch(o -> o.status().equals("PASSED")));
        RunRow firstRun = grader.records().standingRun(first).orElseThrow();
        RunRow secondRun = grader.records().standingRun(second).orElseThrow();
        assertEquals(Optional.of("d1"), firstRun.suiteDigest());
        assertEquals(Optional.of("d2"), secondRun.suiteDigest());
        // The first calibration came before any job, the second between the two jobs.
        assertEquals(List.of("calibrated", "graded", "calibrated", "graded"), grader.records().auditLog().stream()
                .map(AuditEntry::action).filter(a -> a.equals("calibrated") || a.equals("graded")).toList());
        // Calibrations are not submissions: nothing was charged or scored for them.
        assertEquals(2, grader.records().users().stream().mapToLong(u -> grader.records().submissions(u.id(), LAB)
                .size()).sum());
        assertTrue(grader.records().queue(10, 10).workers().stream().allMatch(w -> w.outOfRotation().isEmpty()));
        assertEquals(2, count("calibrated"));
        assertTrue(grader.calibrations().flagged().isEmpty());
    }

    @Test
    void aReferenceRunThatDoesNotCompleteTakesTheWorkerOutItLeasesNothingUntilStaffPutItBack() throws Exception {
        long submission = submit("s1", "clean");
        grader.workers(1, FakeSandbox.factory(), QueueEvents.none(), references("BROKEN")).drain();

        assertEquals(Verdict.COMPILE_ERROR, grader.calibrations().all().get(0).verdict());
        assertEquals(JobState.QUEUED, grader.records().line(submission).orElseThrow().jobState()
                .map(JobState::valueOf).orElseThrow(), "the job waits for a worker in rotation");
        assertTrue(grader.records().standingRun(submission).isEmpty(), "no run was recorded");
        WorkerLine worker = grader.records().queue(10, 10).workers().get(0);
        String reason = worker.outOfRotation().orElseThrow();
        assertTrue(reason.contains("reference run of pbkv did not complete (COMPILE_ERROR"), reason);
        assertTrue(grader.calibrations().flagged().isEmpty(), "a host problem flags no test");
        assertTrue(grader.queue().claim(worker.name()).isEmpty(), "out of rotation: it leases nothing");

        assertTrue(grader.calibrations().returnToRotation(worker.name(), "ta1"));
        assertFalse(grader.calibrations().returnToRotation(worker.name(), "ta1"), "already back");
        AuditEntry back = audit("worker back in rotation").get(0);
        assertEquals("ta1", back.actor());
        assertTrue(back.detail().contains("did not complete"), back.detail());
        assertEquals(1, count("worker out of rotation"));
        assertTrue(grader.calibrations().outOfRotation(worker.name()).isEmpty());
        assertEquals(submission, grader.queue().claim(worker.name()).orElseThrow().submissionId(),
                "back in rotation, it leases again");
    }

    @Test
    void aWorkerFarSlowerThanItsPeersIsOutOfRotationAndLeasesNothing() throws Exception {
        submit("s1", "clean");
        String a = worker("hostA", 101);
        String b = worker("hostB", 202);
        String slow = worker("hostC", 303);
        String close = worker("hostD", 404);
        assertTrue(calibrate(a, "d1", 1000).outOfRotation().isEmpty(), "the first is never judged alone");
        assertTrue(calibrate(b, "d1", 1200).outOfRotation().isEmpty());
        // Median of peers 1100 ms: 3 times is 3300 ms.
        String reason = calibrate(slow, "d1", 5000).outOfRotation().orElseThrow();
        assertTrue(reason.contains("took 5.0 s, more than 3 times the 1.1 s median of 2 other workers"), reason);
        assertTrue(calibrate(close, "d1", 3200).outOfRotation().isEmpty(), "3200 ms is within 3 times 1100 ms");
        assertEquals(Optional.of(reason), grader.calibrations().outOfRotation(slow));
        assertTrue(grader.queue().claim(slow).isEmpty(), "the slow worker leases nothing");
        assertTrue(grader.queue().claim(a).isPresent(), "its peers lease");

        // A slow worker that calibrated first, with no peers, is taken out once a peer shows how slow it is.
        String early = worker("hostE", 505);
        assertTrue(calibrate(early, "d9", 9000).outOfRotation().isEmpty());
        assertTrue(calibrate(a, "d9", 1000).outOfRotation().isEmpty());
        assertTrue(grader.calibrations().outOfRotation(early).orElseThrow().contains("took 9.0 s"));
        // Staff put it back; the next peer's calibration does not take it out again (only its own recalibration may).
        assertTrue(grader.calibrations().returnToRotation(early, "ta1"));
        assertTrue(calibrate(b, "d9", 1100).outOfRotation().isEmpty());
        assertTrue(grader.calibrations().outOfRotation(early).isEmpty());
        assertEquals(2, count("worker out of rotation"));
        assertEquals(1, count("worker back in rotation"));
    }

    @Test
    void aTestTheReferenceFailsIsFlaggedAndItsFailuresAreNotCountedUntilStaffDecide() throws Exception {
        long flaky = submit("s1", "FLAKY");
        long clean = submit("s2", "clean");
        long s1 = grader.records().submission(flaky).orElseThrow().userId();
        // Graded before any calibration: the failure of b on seed 2 costs 6/3 = 2 points.
        grader.workers(1, FakeSandbox.factory(), QueueEvents.none(), ReferenceSolutions.none()).drain();
        assertEquals(14.0, grader.records().currentScore(s1, LAB).orElseThrow().rawPoints(), 1e-9);
        RunRow run = grader.records().standingRun(flaky).orElseThrow();
        assertEquals(14.0, run.rawPoints(), 1e-9);
        String before = grader.records().resultsIfChanged(flaky, "").orElseThrow().version();

        // A worker whose reference fails b on one seed: b is flagged, the worker stays in rotation.
        grader.workers(1, FakeSandbox.factory(), QueueEvents.none(), references("FLAKY")).drain();
        List<Calibrations.FlaggedTest> flagged = grader.calibrations().flagged();
        assertEquals(1, flagged.size());
        Calibrations.FlaggedTest flag = flagged.get(0);
        assertEquals(LAB, flag.lab());
        assertEquals(FLAKY_TEST, flag.testId());
        assertEquals("d1", flag.suiteDigest());
        assertTrue(flag.decision().isEmpty() && flag.excused());
        Calibrations.Evidence evidence = flag.evidence().get(0);
        assertEquals(1, flag.evidence().size(), "one seed failed");
        assertEquals(CourseFile.defaultCourse().seedsFor(lab).get(1), evidence.seed());
        assertEquals("expected 1 but was 2", evidence.message());
        assertEquals(grader.calibrations().all().get(0).worker(), evidence.worker());
        assertTrue(grader.records().queue(10, 10).workers().stream().allMatch(w -> w.outOfRotation().isEmpty()),
                "a failing test is the suite's problem, not the host's");

        // Not counted: the score keeps the points, the stored run does not change.
        assertEquals(16.0, grader.records().currentScore(s1, LAB).orElseThrow().rawPoints(), 1e-9);
        assertEquals(14.0, grader.records().run(run.id()).orElseThrow().rawPoints(), 1e-9);
        SubmissionResults page = grader.records().resultsIfChanged(flaky, before).orElseThrow();
        assertEquals(List.of(FLAKY_TEST), page.notCounted());
        assertEquals(16.0, page.countedPoints(), 1e-9, "the page shows the points as the score counts them");
        assertEquals(14.0, page.run().orElseThrow().rawPoints(), 1e-9);
        assertEquals(16.0, grader.records().currentScore(grader.records().submission(clean).orElseThrow().userId(),
                LAB).orElseThrow().rawPoints(), 1e-9, "a passing submission is unchanged");
        assertEquals(1, count("test flagged"));
        assertTrue(audit("test flagged").get(0).detail().contains("seed " + evidence.seed()));

        grader.calibrations().decide(LAB, "d1", FLAKY_TEST, Calibrations.Decision.COUNT, "ta1");
        assertEquals(14.0, grader.records().currentScore(s1, LAB).orElseThrow().rawPoints(), 1e-9,
                "count it: the failure costs points again");
        SubmissionResults counted = grader.records().resultsIfChanged(flaky, page.version()).orElseThrow();
        assertTrue(counted.notCounted().isEmpty());
        assertEquals(14.0, counted.countedPoints(), 1e-9);

        grader.calibrations().decide(LAB, "d1", FLAKY_TEST, Calibrations.Decision.NEVER, "ta2");
        assertEquals(16.0, grader.records().currentScore(s1, LAB).orElseThrow().rawPoints(), 1e-9,
                "never count it: excused");
        assertEquals(List.of(FLAKY_TEST), grader.records().resultsIfChanged(flaky, counted.version()).orElseThrow()
                .notCounted());
        assertEquals(Optional.of(Calibrations.Decision.NEVER), grader.calibrations().flagged().get(0).decision());

        // A new suite is a new question: the excuse was for digest d1 only.
        List<AuditEntry> decided = audit("flag decided");
        assertEquals(List.of("ta1", "ta2"), decided.stream().map(AuditEntry::actor).toList());
        assertTrue(decided.get(0).detail().startsWith("count it") && decided.get(1).detail().startsWith("never count"));
        assertEquals(3, count("rescore"), "rescored when flagged and at each decision");
    }

    private long submit(String login, String marker) throws Exception {
        grader.users().ensureStudent(login, "test");
        Path sources = dir.resolve("handins").resolve(login);
        Path pkg = Files.createDirectories(sources.resolve("faultline/labs/pbkv"));
        Files.writeString(pkg.resolve("PBServer.java"), "package faultline.labs.pbkv;\nclass PBServer { /* " + marker
                + " " + login + " */ }\n");
        return grader.intake().submit(login, LAB, sources, Intake.Rules.STAFF).submissionId();
    }

    private static ReferenceSolutions references(String marker) {
        return (lab, target) -> {
            Path pkg = Files.createDirectories(target.resolve("faultline/labs").resolve(lab));
            Files.writeString(pkg.resolve("Reference.java"), "/* REFERENCE " + marker + " */");
            return true;
        };
    }

    private static boolean isReference(SandboxRequest request) {
        try (var files = Files.walk(request.sources())) {
            return files.anyMatch(p -> p.getFileName().toString().equals("Reference.java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static SandboxFactory around(SandboxFactory inner, java.util.function.Consumer<SandboxRequest> before) {
        return new SandboxFactory() {
            @Override
            public Sandbox open() throws SandboxUnavailableException {
                Sandbox sandbox = inner.open();
                return new Sandbox() {
                    @Override
                    public SandboxKind kind() {
                        return sandbox.kind();
                    }

                    @Override
                    public SandboxOutcome grade(SandboxRequest request) throws SandboxUnavailableException {
                        SandboxOutcome outcome = sandbox.grade(request);
                        before.accept(request);
                        return outcome;
                    }

                    @Override
                    public void close() {
                        sandbox.close();
                    }
                };
            }

            @Override
            public String describe() {
                return inner.describe();
            }
        };
    }

    private String worker(String host, long pid) {
        String name = host + ":" + pid + ":w1:abcd";
        grader.queue().announce(name, "fake");
        return name;
    }

    private Calibrations.Recorded calibrate(String worker, String digest, long millis) {
        Instant at = grader.clock().instant();
        return grader.calibrations().record(new NewCalibration(worker, worker.split(":")[0], LAB, digest,
                at.minusMillis(millis), at, millis, Verdict.COMPLETED, "The suite ran.", List.of(
                        new NewCalibration.Outcome("FakeSuite#a", 1, "PASSED", ""))));
    }

    private List<AuditEntry> audit(String action) {
        return grader.records().auditLog().stream().filter(e -> e.action().equals(action)).toList();
    }

    private long count(String action) {
        return audit(action).size();
    }
}
