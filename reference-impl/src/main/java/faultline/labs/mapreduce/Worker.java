package faultline.labs.mapreduce;

import faultline.framework.Address;
import faultline.framework.Message;
import faultline.framework.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Asks the coordinator for work, runs one task at a time and reports it done. A task runs in four
 * steps: read its input files from {@link Storage}; compute, which takes {@link #workMillis} of
 * time; write each output file under a temporary name of this attempt's own; commit all of them to
 * their final names in one {@link Storage.Commit}. Only then is the task reported finished, so a
 * worker that dies half-way leaves nothing anyone reads. Every storage request is resent until its
 * answer comes, one request at a time, so appends land in order and exactly once.
 */
public final class Worker extends Node {

    /** How often an idle worker asks for work. */
    static final long POLL_MILLIS = 100;

    /** How long to wait for an answer from storage before resending the request. */
    static final long STORAGE_RETRY_MILLIS = 40;

    /** The fixed part of a task's computing time, in milliseconds. */
    static final long WORK_BASE_MILLIS = 5;

    /** How many bytes of input a worker of speed 1 processes per millisecond. */
    static final long BYTES_PER_MILLI = 200;

    private final Address coordinator;
    private final Address storage;
    private final double slowdown;

    // SOLUTION BEGIN
    /** This incarnation's id, so the coordinator can tell a restarted worker from a retrying one. */
    private long session;
    /** The last attempt this incarnation finished, reported with every request; -1 for none. */
    private long lastFinished = -1;
    /** The task in hand, or null while idle. */
    private Task task;
    /** Input files still to read, in order. */
    private final ArrayDeque<String> toRead = new ArrayDeque<>();
    /** Input files read so far, by name. */
    private final Map<String, List<String>> inputs = new TreeMap<>();
    private long inputBytes;
    /** Storage writes still to make for the task in hand, in order: appends, then the commit. */
    private final ArrayDeque<Message> writes = new ArrayDeque<>();
    /** The storage request awaiting its answer, or null. */
    private Message outstanding;
    private long outstandingRequest;
    // SOLUTION END

    /** A worker of normal speed. */
    public Worker(Address address, Address coordinator, Address storage) {
        this(address, coordinator, storage, 1.0);
    }

    /**
     * A worker that computes {@code slowdown} times slower than normal (a machine with a bad disk, say):
     * its tasks take {@link #workMillis}{@code (bytes, slowdown)} to compute.
     */
    public Worker(Address address, Address coordinator, Address storage, double slowdown) {
        super(address);
        if (slowdown < 1) {
            throw new IllegalArgumentException("A worker's slowdown is at least 1, not " + slowdown);
        }
        this.coordinator = coordinator;
        this.storage = storage;
        this.slowdown = slowdown;
        onMessage(AssignTask.class, this::handleAssign);
        onMessage(NoTask.class, this::handleNoTask);
        onMessage(Storage.FileContents.class, this::handleContents);
        onMessage(Storage.Appended.class, this::handleAppended);
        onMessage(Storage.Committed.class, this::handleCommitted);
        onTimer(PollTimer.class, this::onPoll);
        onTimer(StorageRetryTimer.class, this::onStorageRetry);
        onTimer(WorkTimer.class, this::onWorkDone);
    }

    /** How long computing a task over {@code inputBytes} of input takes a worker of this {@code slowdown}. */
    public static long workMillis(long inputBytes, double slowdown) {
        return Math.round((WORK_BASE_MILLIS + (double) inputBytes / BYTES_PER_MILLI) * slowdown);
    }

    @Override
    protected void init() {
        // SOLUTION BEGIN
        session = random().nextLong();
        send(new RequestTask(session, lastFinished), coordinator);
        set(new PollTimer(), POLL_MILLIS);
        // SOLUTION END
    }

    private void onPoll(PollTimer timer) {
        // SOLUTION BEGIN
        if (task == null) {
            send(new RequestTask(session, lastFinished), coordinator);
        }
        set(timer, POLL_MILLIS);
        // SOLUTION END
    }

    private void handleNoTask(NoTask none, Address from) {
        // SOLUTION BEGIN
        // Nothing to do now: the poll timer asks again.
        // SOLUTION END
    }

    private void handleAssign(AssignTask assign, Address from) {
        // SOLUTION BEGIN
        Task offered = assign.task();
        // A hand-out for an earlier incarnation, a repeat of one already finished, or one that
        // arrives while busy (a stale copy): the coordinator will hand it out again if it matters.
        if (assign.session() != session || task != null || offered.attempt() <= lastFinished) {
            return;
        }
        task = offered;
        inputs.clear();
        inputBytes = 0;
        toRead.clear();
        writes.clear();
        if (offered instanceof MapTask map) {
            toRead.add(map.job().inputs().get(map.index()));
        } else {
            for (int m = 0; m < offered.job().mapTasks(); m++) {
                toRead.add(offered.job().intermediateFile(m, offered.index()));
            }
        }
        readNext();
        // SOLUTION END
    }

    private void readNext() {
        // SOLUTION BEGIN
        if (!toRead.isEmpty()) {
            long id = random().nextLong();
            request(new Storage.Read(toRead.peek(), id), id);
        } else {
            set(new WorkTimer(task.attempt()), workMillis(inputBytes, slowdown));
        }
        // SOLUTION END
    }

    private void handleContents(Storage.FileContents contents, Address from) {
        // SOLUTION BEGIN
        if (outstanding == null || contents.request() != outstandingRequest) {
            return; // a duplicate or late answer
        }
        outstanding = null;
        toRead.poll();
        if (!contents.exists()) {
            // Cannot happen when the coordinator starts reducing only after every map committed.
            note("input " + contents.file() + " does not exist; reading it as empty");
        }
        inputs.put(contents.file(), contents.lines());
        for (String line : contents.lines()) {
            inputBytes += line.length() + 1;
        }
        readNext();
        // SOLUTION END
    }

    private void onWorkDone(WorkTimer timer) {
        // SOLUTION BEGIN
        if (task == null || timer.attempt() != task.attempt()) {
            return;
        }
        List<Storage.Rename> renames = new ArrayList<>();
        for (Map.Entry<String, List<String>> output : compute().entrySet()) {
            String temporary = temporaryName(output.getKey());
            List<String> lines = output.getValue();
            // Every output file is created, even an empty one, so readers never find it missing.
            int from = 0;
            do {
                int to = Math.min(lines.size(), from + Storage.MAX_LINES_PER_APPEND);
                writes.add(new Storage.Append(temporary, lines.subList(from, to), random().nextLong()));
                from = to;
            } while (from < lines.size());
            renames.add(new Storage.Rename(temporary, output.getKey()));
        }
        writes.add(new Storage.Commit(renames, random().nextLong()));
        writeNext();
        // SOLUTION END
    }

    /** The task's output: each final file name with its lines. */
    private Map<String, List<String>> compute() {
        // SOLUTION BEGIN
        Job job = task.job();
        Map<String, List<String>> outputs = new TreeMap<>();
        if (task instanceof MapTask) {
            String file = job.inputs().get(task.index());
            String contents = String.join("\n", inputs.getOrDefault(file, List.of()));
            for (int r = 0; r < job.reduceTasks(); r++) {
                outputs.put(job.intermediateFile(task.index(), r), new ArrayList<>());
            }
            for (KeyValue pair : job.app().map(file, contents)) {
                outputs.get(job.intermediateFile(task.index(), KeyValue.partition(pair.key(), job.reduceTasks())))
                        .add(pair.line());
            }
        } else {
            // Values are grouped in map-task order, which keeps the run deterministic.
            Map<String, List<String>> groups = new TreeMap<>();
            for (int m = 0; m < job.mapTasks(); m++) {
                for (String line : inputs.getOrDefault(job.intermediateFile(m, task.index()), List.of())) {
                    KeyValue pair = KeyValue.parse(line);
                    groups.computeIfAbsent(pair.key(), k -> new ArrayList<>()).add(pair.value());
                }
            }
            List<String> lines = new ArrayList<>();
            for (Map.Entry<String, List<String>> group : groups.entrySet()) {
                lines.add(new KeyValue(group.getKey(), job.app().reduce(group.getKey(), group.getValue())).line());
            }
            outputs.put(job.outputFile(task.index()), lines);
        }
        return outputs;
        // SOLUTION END
    }

    /** Where this attempt writes {@code finalName} before committing it: a name no other attempt uses. */
    private String temporaryName(String finalName) {
        // SOLUTION BEGIN
        return finalName + ".tmp-" + Long.toHexString(session) + "-" + task.attempt();
        // SOLUTION END
    }

    private void writeNext() {
        // SOLUTION BEGIN
        Message next = writes.peek();
        if (next instanceof Storage.Append append) {
            request(append, append.request());
        } else if (next instanceof Storage.Commit commit) {
            request(commit, commit.request());
        } else {
            // Everything is committed: only now is the task finished.
            lastFinished = task.attempt();
            task = null;
            send(new RequestTask(session, lastFinished), coordinator);
        }
        // SOLUTION END
    }

    private void handleAppended(Storage.Appended appended, Address from) {
        // SOLUTION BEGIN
        if (outstanding != null && appended.request() == outstandingRequest) {
            outstanding = null;
            writes.poll();
            writeNext();
        }
        // SOLUTION END
    }

    private void handleCommitted(Storage.Committed committed, Address from) {
        // SOLUTION BEGIN
        if (outstanding == null || committed.request() != outstandingRequest) {
            return;
        }
        if (!committed.ok()) {
            // Only this attempt writes its temporary files, so they must all exist.
            throw new IllegalStateException("Storage refused the commit of attempt " + task.attempt()
                    + ": one of its temporary files is missing");
        }
        outstanding = null;
        writes.poll();
        writeNext();
        // SOLUTION END
    }

    private void onStorageRetry(StorageRetryTimer timer) {
        // SOLUTION BEGIN
        if (outstanding != null && timer.request() == outstandingRequest) {
            send(outstanding, storage);
            set(timer, STORAGE_RETRY_MILLIS);
        }
        // SOLUTION END
    }

    /** Sends storage request {@code id} and keeps resending it until its answer comes. */
    private void request(Message message, long id) {
        // SOLUTION BEGIN
        outstanding = message;
        outstandingRequest = id;
        send(message, storage);
        set(new StorageRetryTimer(id), STORAGE_RETRY_MILLIS);
        // SOLUTION END
    }
}
