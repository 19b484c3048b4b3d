package faultline.grader.grading;

import faultline.grader.course.Course;
import faultline.grader.course.LabConfig;
import faultline.grader.queue.WorkerIdentity;
import faultline.grader.records.Calibrations;
import faultline.grader.sandbox.Sandbox;
import faultline.grader.sandbox.SandboxOutcome;
import faultline.grader.sandbox.SandboxRequest;
import faultline.grader.sandbox.SandboxUnavailableException;
import faultline.grader.store.LabRow;
import faultline.grader.store.NewCalibration;
import faultline.runner.report.RunReport;
import faultline.runner.report.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One worker's calibration: before it leases jobs, it grades the reference solution of every released lab of the
 * course in the database (its server's, not this host's course file) that has a hidden suite (with a digest) and a reference to grade, through its own sandbox exactly as it grades
 * students, and records each run ({@link Calibrations#record}). Before every later lease it asks the suites for each
 * lab's digest again and recalibrates the labs whose suite changed. Start-up is bounded by the course's labs, one
 * reference run each; a lab without a reference or a digest is not calibrated (its jobs are graded as before).
 *
 * <p>The run is timed on the worker's wall clock around the whole sandbox call (container start, compile, tests), so
 * a slow engine or an overloaded host shows in the figure that peers are compared on.
 */
final class Calibrator {

    private final Course course;
    /** The labs of the course the database serves (its server's), read again before every lease. */
    private final Supplier<List<LabRow>> labsInDatabase;
    private final SuiteCatalog suites;
    private final ReferenceSolutions references;
    private final DataFolder data;
    private final Calibrations calibrations;
    private final Clock clock;
    /** The suite digest this worker last calibrated each lab with. */
    private final Map<String, String> calibrated = new LinkedHashMap<>();

    Calibrator(Course course, Supplier<List<LabRow>> labsInDatabase, SuiteCatalog suites,
               ReferenceSolutions references, DataFolder data, Calibrations calibrations, Clock clock) {
        this.course = course;
        this.labsInDatabase = labsInDatabase;
        this.suites = suites;
        this.references = references;
        this.data = data;
        this.calibrations = calibrations;
        this.clock = clock;
    }

    /** Calibrates every lab whose suite digest differs from the one this worker last calibrated it with. */
    void calibrate(String worker, Sandbox sandbox) {
        Instant now = clock.instant();
        for (LabRow row : labsInDatabase.get()) {
            // The database's course decides which labs exist and when they open; this host's course file gives only
            // the seeds and limits to grade them with, and a lab it does not have, this worker cannot grade anyway.
            Optional<LabConfig> config = course.lab(row.name());
            // A lab not released yet has no submissions to grade; it is calibrated before the first lease after.
            if (config.isEmpty() || now.isBefore(row.releaseAt()) || !suites.hasSuite(row.name())) {
                continue;
            }
            LabConfig lab = config.get();
            Optional<String> digest = suites.digest(lab.name());
            if (digest.isEmpty() || digest.get().equals(calibrated.get(lab.name()))) {
                continue;
            }
            Path scratch = data.scratch().resolve("calibration-" + safe(worker) + "-" + lab.name());
            try {
                deleteTree(scratch);
                Files.createDirectories(scratch);
                if (!references.copyTo(lab.name(), scratch)) {
                    calibrated.put(lab.name(), digest.get());
                    continue;
                }
            } catch (IOException e) {
                record(worker, lab, digest.get(), clock.instant(), 0, Verdict.PLATFORM_ERROR,
                        "Could not prepare the reference for calibration (" + e.getMessage() + ")", Optional.empty());
                calibrated.put(lab.name(), digest.get());
                continue;
            }
            try {
                run(worker, sandbox, lab, digest.get(), scratch);
            } finally {
                deleteTree(scratch);
            }
            calibrated.put(lab.name(), digest.get());
        }
    }

    private void run(String worker, Sandbox sandbox, LabConfig lab, String digest, Path sources) {
        Path artifacts = data.artifacts().resolve(Path.of("calibration", safe(worker), lab.name()));
        Instant started = clock.instant();
        long start = System.nanoTime();
        try {
            deleteTree(artifacts);
            Files.createDirectories(artifacts);
            SandboxOutcome outcome = sandbox.grade(new SandboxRequest(lab.name(), sources, course.seedsFor(lab),
                    course.sandbox(), artifacts));
            long took = (System.nanoTime() - start) / 1_000_000;
            // A run without its results cannot vouch for this host, whatever its verdict says.
            Verdict verdict = outcome.verdict() == Verdict.COMPLETED && outcome.report().isEmpty()
                    ? Verdict.PLATFORM_ERROR : outcome.verdict();
            String message = verdict != outcome.verdict() ? "The reference run completed but left no results. "
                    + outcome.message() : outcome.message();
            record(worker, lab, digest, started, took, verdict, message, outcome.report());
        } catch (SandboxUnavailableException | IOException | RuntimeException e) {
            long took = (System.nanoTime() - start) / 1_000_000;
            record(worker, lab, digest, started, took, Verdict.PLATFORM_ERROR, "The sandbox could not grade the "
                    + "reference: " + e.getMessage(), Optional.empty());
        }
    }

    private void record(String worker, LabConfig lab, String digest, Instant started, long tookMillis,
                        Verdict verdict, String message, Optional<RunReport> report) {
        List<NewCalibration.Outcome> outcomes = report.map(r -> r.tests().stream().map(t -> new NewCalibration.Outcome(
                t.id(), t.seed(), t.status().name(), t.message())).toList()).orElse(List.of());
        String host = WorkerIdentity.parse(worker).map(WorkerIdentity::host).orElse(worker);
        calibrations.record(new NewCalibration(worker, host, lab.name(), digest, started, clock.instant(), tookMillis,
                verdict, message, outcomes));
    }

    private static String safe(String worker) {
        return worker.replaceAll("[^A-Za-z0-9._-]", "_");
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
            // Scratch space only; the next calibration of this worker and lab starts by removing it again.
        }
    }
}
