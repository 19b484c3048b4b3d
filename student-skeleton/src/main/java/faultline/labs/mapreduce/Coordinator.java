package faultline.labs.mapreduce;

import faultline.framework.Address;
import faultline.framework.Node;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs jobs, one at a time in the order they were submitted: first every map task, then every
 * reduce task, each handed to a worker that asks for work. Workers are not trusted to live: an
 * attempt that has not finished within {@link #TASK_TIMEOUT_MILLIS}, or whose worker has restarted,
 * is presumed dead and its task handed out again; and once no task is left to hand out, idle
 * workers get backup attempts of tasks still running, so one slow worker cannot hold up the job.
 * A task is done when its first attempt reports back; later reports of the same task change nothing.
 * The coordinator itself is assumed not to fail.
 */
public final class Coordinator extends Node {

    /** An attempt that has not reported back after this long is presumed dead. */
    static final long TASK_TIMEOUT_MILLIS = 2_000;

    /** At most this many live attempts of one task at once: the first, and one backup. */
    static final int MAX_ATTEMPTS_AT_ONCE = 2;

    /** One hand-out of task {@code index} of the current phase, to one worker incarnation. */
    private record Attempt(long id, int index, Address worker, long session, long startedAt) implements Serializable {
    }

    // TODO: the state this node needs

    public Coordinator(Address address) {
        super(address);
        onMessage(SubmitJob.class, this::handleSubmit);
        onMessage(RequestTask.class, this::handleRequest);
    }

    @Override
    protected void init() {
        // TODO: implement Coordinator.init
    }

    private void handleSubmit(SubmitJob submit, Address from) {
        // TODO: implement Coordinator.handleSubmit
    }

    private void handleRequest(RequestTask request, Address from) {
        // TODO: implement Coordinator.handleRequest
    }

    /**
     * The task to hand to {@code worker}: the first with no live attempt (never handed out, or its
     * worker died or stalled); failing that, a backup of the task running longest with room for one.
     */
    private Optional<Integer> nextTask(Address worker) {
        // TODO: implement Coordinator.nextTask
        throw new UnsupportedOperationException("TODO: implement Coordinator.nextTask");
    }

    /** Whether {@code attempt} may still finish: its task is open, its worker has not restarted, and it is not overdue. */
    private boolean live(Attempt attempt) {
        // TODO: implement Coordinator.live
        throw new UnsupportedOperationException("TODO: implement Coordinator.live");
    }

    /** Records that attempt {@code id} finished and committed its output; moves the job on when a phase is complete. */
    private void finish(long id) {
        // TODO: implement Coordinator.finish
    }

    private void startNextJob() {
        // TODO: implement Coordinator.startNextJob
    }

    private void startPhase(int tasks) {
        // TODO: implement Coordinator.startPhase
    }

    private Task taskOf(Attempt attempt) {
        // TODO: implement Coordinator.taskOf
        throw new UnsupportedOperationException("TODO: implement Coordinator.taskOf");
    }
}
