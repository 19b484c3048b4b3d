package faultline.labs.pbkv;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.Result;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A key/value server that is primary, backup or idle, as the {@link ViewService} decides.
 *
 * <p>The primary carries out one request at a time: it forwards the request (Gets included) to the
 * backup, and applies and answers it only once the backup has acknowledged. So the backup always
 * holds every write a client was told about, and an old primary cut off from the rest never answers:
 * the backup, which has moved on to a newer view, refuses its forwards, or they never arrive.
 *
 * <p>When a view names a new backup, the primary sends it the whole state (store and at-most-once
 * table) and acknowledges the view to the view service only once the backup has it; until then it
 * serves nobody. Every Put and Append carries its client's id and sequence number; the latest one
 * carried out per client is remembered with its answer, so a retry is answered, not repeated.
 */
public final class PBServer extends Node {

    /** How long the primary waits for the backup's acknowledgement before sending again. */
    static final long FORWARD_RETRY_MILLIS = 20;

    private final Address viewService;
    // TODO: the state this node needs

    public PBServer(Address address, Address viewService) {
        super(address);
        this.viewService = viewService;
        onMessage(ViewReply.class, this::handleViewReply);
        onMessage(Request.class, this::handleRequest);
        onMessage(Forward.class, this::handleForward);
        onMessage(ForwardOk.class, this::handleForwardOk);
        onMessage(ForwardRefused.class, this::handleForwardRefused);
        onMessage(Transfer.class, this::handleTransfer);
        onMessage(TransferOk.class, this::handleTransferOk);
        onTimer(PingTick.class, this::onPingTick);
        onTimer(ForwardRetry.class, this::onForwardRetry);
        onTimer(TransferRetry.class, this::onTransferRetry);
    }

    @Override
    protected void init() {
        // TODO: implement PBServer.init
    }

    /** A copy of this server's key/value store, for tests to compare primary and backup. */
    public Map<String, String> store() {
        // TODO: implement PBServer.store
        throw new UnsupportedOperationException("TODO: implement PBServer.store");
    }

    /** The latest view this server knows of. */
    public View view() {
        // TODO: implement PBServer.view
        throw new UnsupportedOperationException("TODO: implement PBServer.view");
    }

    // ---- the view ----

    private void onPingTick(PingTick tick) {
        // TODO: implement PBServer.onPingTick
    }

    private void ping() {
        // TODO: implement PBServer.ping
    }

    /**
     * What to ping with. The primary acknowledges a view only once its backup holds the state, and a
     * primary without state pings 0 so the view service treats it as restarted; others report the
     * latest view they know.
     */
    private int pingNumber() {
        // TODO: implement PBServer.pingNumber
        throw new UnsupportedOperationException("TODO: implement PBServer.pingNumber");
    }

    private void handleViewReply(ViewReply reply, Address from) {
        // TODO: implement PBServer.handleViewReply
    }

    private void adopt(View next) {
        // TODO: implement PBServer.adopt
    }

    // ---- state transfer ----

    private void sendTransfer() {
        // TODO: implement PBServer.sendTransfer
    }

    private void onTransferRetry(TransferRetry retry) {
        // TODO: implement PBServer.onTransferRetry
    }

    private void handleTransfer(Transfer transfer, Address from) {
        // TODO: implement PBServer.handleTransfer
    }

    private void handleTransferOk(TransferOk ok, Address from) {
        // TODO: implement PBServer.handleTransferOk
    }

    // ---- serving clients ----

    private void handleRequest(Request request, Address client) {
        // TODO: implement PBServer.handleRequest
    }

    /** Starts on the head of the queue if this primary is ready and nothing is being forwarded. */
    private void pump() {
        // TODO: implement PBServer.pump
    }

    private void onForwardRetry(ForwardRetry retry) {
        // TODO: implement PBServer.onForwardRetry
    }

    private void handleForwardOk(ForwardOk ok, Address from) {
        // TODO: implement PBServer.handleForwardOk
    }

    private void handleForwardRefused(ForwardRefused refused, Address from) {
        // TODO: implement PBServer.handleForwardRefused
    }

    // ---- as backup ----

    private void handleForward(Forward forward, Address from) {
        // TODO: implement PBServer.handleForward
    }

    // ---- the store ----

    /** Whether {@code request} is a Put or Append this server has already carried out. */
    private boolean alreadyApplied(Request request) {
        // TODO: implement PBServer.alreadyApplied
        throw new UnsupportedOperationException("TODO: implement PBServer.alreadyApplied");
    }

    /**
     * Answers a write already carried out with the answer it got then. A request older than the client's
     * latest is not answered: the client has moved on and would ignore it.
     */
    private void answerFromTable(Request request, Address client) {
        // TODO: implement PBServer.answerFromTable
    }

    /** Carries out {@code request} on the store, remembering a write's answer for retries. */
    private Result execute(Request request) {
        // TODO: implement PBServer.execute
        throw new UnsupportedOperationException("TODO: implement PBServer.execute");
    }

    private static boolean isWrite(Command command) {
        // TODO: implement PBServer.isWrite
        throw new UnsupportedOperationException("TODO: implement PBServer.isWrite");
    }

    private boolean actingPrimary() {
        // TODO: implement PBServer.actingPrimary
        throw new UnsupportedOperationException("TODO: implement PBServer.actingPrimary");
    }

    /** Tells every waiting client to look for the primary elsewhere. */
    private void turnAwayQueue() {
        // TODO: implement PBServer.turnAwayQueue
    }
}
