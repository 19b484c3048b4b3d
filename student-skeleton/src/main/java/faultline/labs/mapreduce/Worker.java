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

    // TODO: the state this node needs

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
        // TODO: implement Worker.init
    }

    private void onPoll(PollTimer timer) {
        // TODO: implement Worker.onPoll
    }

    private void handleNoTask(NoTask none, Address from) {
        // TODO: implement Worker.handleNoTask
    }

    private void handleAssign(AssignTask assign, Address from) {
        // TODO: implement Worker.handleAssign
    }

    private void readNext() {
        // TODO: implement Worker.readNext
    }

    private void handleContents(Storage.FileContents contents, Address from) {
        // TODO: implement Worker.handleContents
    }

    private void onWorkDone(WorkTimer timer) {
        // TODO: implement Worker.onWorkDone
    }

    /** The task's output: each final file name with its lines. */
    private Map<String, List<String>> compute() {
        // TODO: implement Worker.compute
        throw new UnsupportedOperationException("TODO: implement Worker.compute");
    }

    /** Where this attempt writes {@code finalName} before committing it: a name no other attempt uses. */
    private String temporaryName(String finalName) {
        // TODO: implement Worker.temporaryName
        throw new UnsupportedOperationException("TODO: implement Worker.temporaryName");
    }

    private void writeNext() {
        // TODO: implement Worker.writeNext
    }

    private void handleAppended(Storage.Appended appended, Address from) {
        // TODO: implement Worker.handleAppended
    }

    private void handleCommitted(Storage.Committed committed, Address from) {
        // TODO: implement Worker.handleCommitted
    }

    private void onStorageRetry(StorageRetryTimer timer) {
        // TODO: implement Worker.onStorageRetry
    }

    /** Sends storage request {@code id} and keeps resending it until its answer comes. */
    private void request(Message message, long id) {
        // TODO: implement Worker.request
    }
}
