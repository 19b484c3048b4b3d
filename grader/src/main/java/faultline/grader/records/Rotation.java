package faultline.grader.records;

import faultline.grader.queue.WorkerIdentity;
import faultline.grader.store.CalibrationRow;
import faultline.runner.report.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a worker's calibration keeps it in rotation. The rule, in one place:
 * <ul>
 * <li>a calibration that did not complete (the sandbox failed, timed out, left no results) takes the worker out:
 * this host cannot grade, and a student's job there would end as a platform failure or not at all;</li>
 * <li>a completed calibration taking more than {@link #SLOWER} times the median of its peers' takes it out: its
 * students would wait that much longer, and its live tests would run under a load their timing never saw. Peers are
 * the latest completed calibrations of the same lab at the same suite digest by workers of <em>other</em> processes
 * (workers of one process share its host, so they would vouch for each other's slowness); at least one is needed, so
 * the first worker of a course is never judged alone;</li>
 * <li>tests failing on the reference are the suite's problem, not the host's: they flag the test, never the worker.</li>
 * </ul>
 * A median of peers, not a mean, so one slow peer does not make the slowness look normal.
 */
public final class Rotation {

    /** How many times the peers' median a calibration may take before its worker is out. */
    public static final double SLOWER = 3.0;

    private Rotation() {
    }

    /** Why {@code mine} takes its worker out of rotation, in words; empty when it keeps it in. */
    public static Optional<String> judge(CalibrationRow mine, List<CalibrationRow> latestOfEveryWorker) {
        if (mine.verdict() != Verdict.COMPLETED) {
            return Optional.of("its reference run of " + mine.lab() + " did not complete (" + mine.verdict() + ": "
                    + firstLine(mine.message()) + "), so this host cannot grade " + mine.lab() + " now");
        }
        String process = processOf(mine.worker());
        List<Long> peers = latestOfEveryWorker.stream()
                .filter(c -> c.verdict() == Verdict.COMPLETED && !processOf(c.worker()).equals(process))
                .map(CalibrationRow::elapsedMs).sorted().toList();
        if (peers.isEmpty()) {
            return Optional.empty();
        }
        double median = peers.size() % 2 == 1 ? peers.get(peers.size() / 2)
                : (peers.get(peers.size() / 2 - 1) + peers.get(peers.size() / 2)) / 2.0;
        if (mine.elapsedMs() > SLOWER * median) {
            return Optional.of(String.format(Locale.ROOT, "its reference run of %s took %.1f s, more than %.0f times "
                    + "the %.1f s median of %d other worker%s", mine.lab(), mine.elapsedMs() / 1000.0, SLOWER,
                    median / 1000.0, peers.size(), peers.size() == 1 ? "" : "s"));
        }
        return Optional.empty();
    }

    /** {@code host:pid} of a worker's identity; the whole name when it is not one. */
    static String processOf(String worker) {
        return WorkerIdentity.parse(worker).map(w -> w.host() + ":" + w.pid()).orElse(worker);
    }

    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("").strip();
        return line.isEmpty() ? "no message" : line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
