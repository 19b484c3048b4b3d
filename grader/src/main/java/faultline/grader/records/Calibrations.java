package faultline.grader.records;

import faultline.grader.scoring.ScoreKeeper;
import faultline.grader.store.AuditLog;
import faultline.grader.store.CalibrationDao;
import faultline.grader.store.CalibrationResultRow;
import faultline.grader.store.CalibrationRow;
import faultline.grader.store.Database;
import faultline.grader.store.FlaggedTestRow;
import faultline.grader.store.NewCalibration;
import faultline.grader.store.Submission;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.WorkerDao;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * What calibration has on record, and what staff decide about it. A calibration is a worker grading a lab's
 * reference solution with the lab's current hidden suite; recording one may take the worker out of rotation
 * ({@link Rotation}) and flags every test the reference failed on any seed. A flagged, undecided test's failures do
 * not cost students points ({@code ScoreKeeper}); staff decide "count it" (the test is sound) or "never count it"
 * (excused for that suite digest). Every change of rotation, flag and decision is audited, and current scores are
 * recomputed whenever what counts changes. Calibrations are never submissions: nothing here touches the
 * scoreboard, attempts or charges.
 */
public final class Calibrations {

    /** Staff's decision on a flagged test. */
    public enum Decision {
        /** The test is sound: its failures cost points again. */
        COUNT,
        /** The test is excused for this suite digest: its failures never cost points. */
        NEVER
    }

    /** One failure of a flagged test on the reference: which worker, where, on which seed, saying what. */
    public record Evidence(String worker, String host, long seed, String status, String message, Instant at) {
    }

    /** A flagged test with the calibrations that failed it; {@code decision} empty while staff have not decided. */
    public record FlaggedTest(String lab, String suiteDigest, String testId, Instant flaggedAt,
                              Optional<Decision> decision, Optional<String> decidedBy, Optional<Instant> decidedAt,
                              List<Evidence> evidence) {
        public FlaggedTest {
            evidence = List.copyOf(evidence);
        }

        /** Whether its failures are not counted now (undecided, or decided "never count it"). */
        public boolean excused() {
            return decision.map(d -> d == Decision.NEVER).orElse(true);
        }
    }

    /** What recording a calibration did: its id, why the worker is now out (empty: in rotation), tests newly flagged. */
    public record Recorded(long id, Optional<String> outOfRotation, List<String> flagged) {
        public Recorded {
            flagged = List.copyOf(flagged);
        }
    }

    private final Database db;
    private final Clock clock;
    private final ScoreKeeper scores;

    public Calibrations(Database db, Clock clock, ScoreKeeper scores) {
        this.db = db;
        this.clock = clock;
        this.scores = scores;
    }

    /** Records a calibration, judges its worker (and re-judges its peers), flags tests; one transaction. */
    public Recorded record(NewCalibration calibration) {
        return db.write(h -> {
            CalibrationDao dao = h.attach(CalibrationDao.class);
            WorkerDao workers = h.attach(WorkerDao.class);
            AuditLog audit = h.attach(AuditLog.class);
            Instant now = clock.instant();
            long id = calibration.insert(dao);
            CalibrationRow mine = dao.byId(id).orElseThrow();
            List<CalibrationRow> latest = dao.latestPerWorker(mine.lab(), mine.suiteDigest());
            List<CalibrationRow> others = latest.stream().filter(c -> !c.worker().equals(mine.worker())).toList();
            audit.append(now, mine.worker(), "calibrated", "lab " + mine.lab(), "calibration=" + id + " suite="
                    + shortDigest(mine.suiteDigest()) + " verdict=" + mine.verdict() + " took=" + mine.elapsedMs()
                    + "ms");
            Optional<String> out = Rotation.judge(mine, others);
            if (out.isPresent()) {
                takeOut(workers, audit, mine.worker(), out.get(), now);
            } else if (mine.verdict() == faultline.runner.report.Verdict.COMPLETED) {
                // A faster worker arriving can show that one already running is far slower than its peers.
                Set<String> inRotation = new TreeSet<>(workers.inRotation());
                for (CalibrationRow peer : others) {
                    if (!inRotation.contains(peer.worker()) || workers.returnedAt(peer.worker())
                            .map(at -> !at.isBefore(peer.finishedAt())).orElse(false)) {
                        continue;
                    }
                    List<CalibrationRow> itsPeers = latest.stream().filter(c -> !c.worker().equals(peer.worker()))
                            .toList();
                    Optional<String> slow = Rotation.judge(peer, itsPeers);
                    if (slow.isPresent()) {
                        takeOut(workers, audit, peer.worker(), slow.get(), now);
                    }
                }
            }
            List<String> flagged = new ArrayList<>();
            // Only a run that completed says anything about the suite; one that did not is the host's trouble.
            if (calibration.completed()) {
                Set<String> failing = new LinkedHashSet<>();
                calibration.outcomes().stream().filter(NewCalibration.Outcome::failed)
                        .forEach(o -> failing.add(o.testId()));
                for (String test : failing) {
                    if (dao.flag(mine.lab(), mine.suiteDigest(), test, id, now) == 1) {
                        flagged.add(test);
                        String seeds = calibration.outcomes().stream().filter(o -> o.testId().equals(test)
                                && o.failed()).map(o -> Long.toString(o.seed())).reduce((a, b) -> a + "," + b)
                                .orElse("");
                        audit.append(now, mine.worker(), "test flagged", "lab " + mine.lab() + " test " + test,
                                "the reference failed it on seed " + seeds + " (calibration=" + id + " suite="
                                        + shortDigest(mine.suiteDigest()) + "); its failures are not counted until "
                                        + "staff decide");
                    }
                }
                if (!flagged.isEmpty()) {
                    rescoreLab(h, mine.lab(), "test flagged by calibration " + id, "grader");
                }
            }
            return new Recorded(id, out, flagged);
        });
    }

    private static void takeOut(WorkerDao workers, AuditLog audit, String worker, String reason, Instant now) {
        workers.takeOut(worker, reason, now);
        audit.append(now, "grader", "worker out of rotation", "worker " + worker, reason);
    }

    /** Why a worker may not lease jobs now; empty while it may. */
    public Optional<String> outOfRotation(String worker) {
        return db.read(h -> h.attach(WorkerDao.class).outOfRotation(worker));
    }

    /** Staff put a worker back in rotation (audited); false when it was not out. */
    public boolean returnToRotation(String worker, String actor) {
        return db.write(h -> {
            Optional<String> was = h.attach(WorkerDao.class).outOfRotation(worker);
            if (was.isEmpty()) {
                return false;
            }
            h.attach(WorkerDao.class).putBack(worker, clock.instant());
            h.attach(AuditLog.class).append(clock.instant(), actor, "worker back in rotation", "worker " + worker,
                    "was out because " + was.get());
            return true;
        });
    }

    /** Every flagged test, by lab, suite and test, with the reference's failures as evidence. */
    public List<FlaggedTest> flagged() {
        return db.read(h -> {
            CalibrationDao dao = h.attach(CalibrationDao.class);
            List<FlaggedTest> all = new ArrayList<>();
            for (FlaggedTestRow f : dao.allFlagged()) {
                List<Evidence> evidence = new ArrayList<>();
                for (CalibrationResultRow r : dao.failures(f.lab(), f.suiteDigest(), f.testId())) {
                    CalibrationRow c = dao.byId(r.calibrationId()).orElseThrow();
                    evidence.add(new Evidence(c.worker(), c.host(), r.seed(), r.status(), r.message(), c.finishedAt()));
                }
                all.add(new FlaggedTest(f.lab(), f.suiteDigest(), f.testId(), f.flaggedAt(),
                        f.decision().map(Decision::valueOf), f.decidedBy(), f.decidedAt(), evidence));
            }
            return List.copyOf(all);
        });
    }

    /**
     * Staff decide a flagged test: its failures count again ({@link Decision#COUNT}) or never count for this suite
     * ({@link Decision#NEVER}). Audited; every current score of the lab is recomputed in the same transaction.
     */
    public void decide(String lab, String suiteDigest, String testId, Decision decision, String actor) {
        db.write(h -> {
            CalibrationDao dao = h.attach(CalibrationDao.class);
            FlaggedTestRow flag = dao.flagged(lab, suiteDigest, testId).orElseThrow(() -> new IllegalArgumentException(
                    "Test " + testId + " of " + lab + " is not flagged for that suite, so there is nothing to decide."));
            dao.decide(lab, suiteDigest, testId, decision.name(), actor, clock.instant());
            h.attach(AuditLog.class).append(clock.instant(), actor, "flag decided", "lab " + lab + " test " + testId,
                    (decision == Decision.COUNT ? "count it: its failures cost points again"
                            : "never count it: its failures are excused") + " (suite=" + shortDigest(suiteDigest)
                            + ", was " + flag.decision().map(d -> d.toLowerCase(Locale.ROOT)).orElse("undecided") + ")");
            rescoreLab(h, lab, "flag on " + testId + " decided: " + decision.name().toLowerCase(Locale.ROOT), actor);
            return null;
        });
    }

    /** The latest {@code n} calibrations, newest first. */
    public List<CalibrationRow> recent(int n) {
        return db.read(h -> h.attach(CalibrationDao.class).recent(n));
    }

    /** Every calibration, oldest first. */
    public List<CalibrationRow> all() {
        return db.read(h -> h.attach(CalibrationDao.class).all());
    }

    /** Each test on each seed of one calibration. */
    public List<CalibrationResultRow> results(long calibrationId) {
        return db.read(h -> h.attach(CalibrationDao.class).results(calibrationId));
    }

    private void rescoreLab(Handle h, String lab, String reason, String actor) {
        Set<Long> students = new TreeSet<>();
        for (Submission s : h.attach(SubmissionDao.class).ofLab(lab)) {
            students.add(s.userId());
        }
        int changed = 0;
        for (long student : students) {
            changed += scores.rescore(h, student, reason).size();
        }
        h.attach(AuditLog.class).append(clock.instant(), actor, "rescore", "lab " + lab, reason + ": "
                + students.size() + " students rescored, " + changed + " current scores changed");
    }

    /** The first 12 hex digits of a suite digest, as pages show it. */
    public static String shortDigest(String digest) {
        return digest.length() <= 12 ? digest : digest.substring(0, 12);
    }
}
