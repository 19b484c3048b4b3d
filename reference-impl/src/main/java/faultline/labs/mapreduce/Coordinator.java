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

    // SOLUTION BEGIN
    /** Jobs submitted and not started yet, in the order they came. */
    private final LinkedHashMap<String, Job> waiting = new LinkedHashMap<>();
    /** Who to tell when a job is done. */
    private final Map<String, Address> submitters = new TreeMap<>();
    /** The answer for every finished job, so a repeated submission is answered, not rerun. */
    private final Map<String, JobFinished> finished = new TreeMap<>();
    /** The job running now, or null. */
    private Job job;
    private boolean reducing;
    /** Tasks of the current phase that no attempt has finished yet. */
    private final TreeSet<Integer> unfinished = new TreeSet<>();
    /** Every attempt handed out in the current phase, by id. */
    private final TreeMap<Long, Attempt> issued = new TreeMap<>();
    /** Each worker's latest incarnation: an attempt held by an earlier one is dead. */
    private final Map<Address, Long> sessions = new TreeMap<>();
    /** The attempt each worker was last handed, to hand it again if the hand-out was lost. */
    private final Map<Address, Attempt> holding = new TreeMap<>();
    /** Attempt ids are never reused, so every attempt's temporary files have their own names. */
    private long nextAttempt;
    // SOLUTION END

    public Coordinator(Address address) {
        super(address);
        onMessage(SubmitJob.class, this::handleSubmit);
        onMessage(RequestTask.class, this::handleRequest);
    }

    @Override
    protected void init() {
        // SOLUTION BEGIN
        // Workers drive the pace by asking for work; expiry is checked when they ask, so no timer is needed.
        // SOLUTION END
    }

    private void handleSubmit(SubmitJob submit, Address from) {
        // SOLUTION BEGIN
        String name = submit.job().name();
        JobFinished done = finished.get(name);
        if (done != null) {
            send(done, from);
            return;
        }
        submitters.put(name, from);
        boolean known = (job != null && job.name().equals(name)) || waiting.containsKey(name);
        if (!known) {
            waiting.put(name, submit.job());
            if (job == null) {
                startNextJob();
            }
        }
        // SOLUTION END
    }

    private void handleRequest(RequestTask request, Address from) {
        // SOLUTION BEGIN
        sessions.put(from, request.session());
        if (request.finishedAttempt() >= 0) {
            finish(request.finishedAttempt());
        }
        if (job == null) {
            send(new NoTask(), from);
            return;
        }
        // The worker asks while holding a live attempt: the hand-out was lost (or this request is a
        // stale copy, which the worker will ignore). Either way, hand out the same attempt again.
        Attempt held = holding.get(from);
        if (held != null && held.session() == request.session() && live(held)) {
            send(new AssignTask(taskOf(held), held.session()), from);
            return;
        }
        Optional<Integer> next = nextTask(from);
        if (next.isEmpty()) {
            send(new NoTask(), from);
            return;
        }
        Attempt attempt = new Attempt(nextAttempt++, next.get(), from, request.session(), now());
        issued.put(attempt.id(), attempt);
        holding.put(from, attempt);
        send(new AssignTask(taskOf(attempt), attempt.session()), from);
        // SOLUTION END
    }

    /**
     * The task to hand to {@code worker}: the first with no live attempt (never handed out, or its
     * worker died or stalled); failing that, a backup of the task running longest with room for one.
     */
    private Optional<Integer> nextTask(Address worker) {
        // SOLUTION BEGIN
        Integer backup = null;
        long backupStarted = Long.MAX_VALUE;
        for (int index : unfinished) {
            int running = 0;
            long earliest = Long.MAX_VALUE;
            boolean mine = false;
            for (Attempt attempt : issued.values()) {
                if (attempt.index() == index && live(attempt)) {
                    running++;
                    earliest = Math.min(earliest, attempt.startedAt());
                    mine |= attempt.worker().equals(worker);
                }
            }
            if (running == 0) {
                return Optional.of(index);
            }
            if (running < MAX_ATTEMPTS_AT_ONCE && !mine && earliest < backupStarted) {
                backup = index;
                backupStarted = earliest;
            }
        }
        return Optional.ofNullable(backup);
        // SOLUTION END
    }

    /** Whether {@code attempt} may still finish: its task is open, its worker has not restarted, and it is not overdue. */
    private boolean live(Attempt attempt) {
        // SOLUTION BEGIN
        return unfinished.contains(attempt.index())
                && sessions.getOrDefault(attempt.worker(), attempt.session()) == attempt.session()
                && now() - attempt.startedAt() <= TASK_TIMEOUT_MILLIS;
        // SOLUTION END
    }

    /** Records that attempt {@code id} finished and committed its output; moves the job on when a phase is complete. */
    private void finish(long id) {
        // SOLUTION BEGIN
        Attempt attempt = issued.get(id);
        if (attempt == null || !unfinished.remove(attempt.index())) {
            return; // an attempt of an earlier phase, or a task another attempt finished first
        }
        if (!unfinished.isEmpty()) {
            return;
        }
        if (!reducing) {
            reducing = true;
            startPhase(job.reduceTasks());
            return;
        }
        JobFinished done = new JobFinished(job.name(), job.outputFiles());
        finished.put(job.name(), done);
        Address submitter = submitters.get(job.name());
        if (submitter != null) {
            send(done, submitter);
        }
        note("job " + job.name() + " finished");
        job = null;
        startNextJob();
        // SOLUTION END
    }

    private void startNextJob() {
        // SOLUTION BEGIN
        if (waiting.isEmpty()) {
            return;
        }
        String name = waiting.keySet().iterator().next();
        job = waiting.remove(name);
        reducing = false;
        startPhase(job.mapTasks());
        note("job " + name + " started: " + job.mapTasks() + " map tasks, " + job.reduceTasks() + " reduce tasks");
        // SOLUTION END
    }

    private void startPhase(int tasks) {
        // SOLUTION BEGIN
        unfinished.clear();
        for (int i = 0; i < tasks; i++) {
            unfinished.add(i);
        }
        issued.clear();
        holding.clear();
        // SOLUTION END
    }

    private Task taskOf(Attempt attempt) {
        // SOLUTION BEGIN
        return reducing ? new ReduceTask(job, attempt.index(), attempt.id())
                : new MapTask(job, attempt.index(), attempt.id());
        // SOLUTION END
    }
}
