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
    // SOLUTION BEGIN
    private View view = View.initial();
    /**
     * Whether this server holds the service's state. A (re)started server does not, until a state
     * transfer or the very first view, where the empty store is the right state.
     */
    private boolean initialised;
    /** The view whose transfer this server received as backup (0: none). */
    private int stateView;
    /** As primary: the view whose backup has this server's state, so requests may go ahead (0: none). */
    private int readyView;
    /** A backup said it is in this view: ours is out of date, so serve nobody until the view service agrees. */
    private int supersededBy;
    private final SortedMap<String, String> store = new TreeMap<>();
    /** Per client id, the latest Put or Append carried out and its answer. */
    private final SortedMap<Long, Applied> applied = new TreeMap<>();
    /** Requests waiting for the primary, oldest first; the head is the one being forwarded. */
    private final List<Waiting> queue = new ArrayList<>();
    private boolean forwarding;
    private long forwardId;
    // SOLUTION END

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
        // SOLUTION BEGIN
        ping();
        set(new PingTick(), ViewService.PING_INTERVAL_MILLIS);
        // SOLUTION END
    }

    /** A copy of this server's key/value store, for tests to compare primary and backup. */
    public Map<String, String> store() {
        // SOLUTION BEGIN
        return Collections.unmodifiableMap(new TreeMap<>(store));
        // SOLUTION END
    }

    /** The latest view this server knows of. */
    public View view() {
        // SOLUTION BEGIN
        return view;
        // SOLUTION END
    }

    // ---- the view ----

    private void onPingTick(PingTick tick) {
        // SOLUTION BEGIN
        ping();
        set(tick, ViewService.PING_INTERVAL_MILLIS);
        // SOLUTION END
    }

    private void ping() {
        // SOLUTION BEGIN
        send(new Ping(pingNumber()), viewService);
        // SOLUTION END
    }

    /**
     * What to ping with. The primary acknowledges a view only once its backup holds the state, and a
     * primary without state pings 0 so the view service treats it as restarted; others report the
     * latest view they know.
     */
    private int pingNumber() {
        // SOLUTION BEGIN
        if (view.isPrimary(address())) {
            return initialised ? readyView : 0;
        }
        return view.number();
        // SOLUTION END
    }

    private void handleViewReply(ViewReply reply, Address from) {
        // SOLUTION BEGIN
        if (reply.view().number() > view.number()) {
            adopt(reply.view());
        }
        pump();
        // SOLUTION END
    }

    private void adopt(View next) {
        // SOLUTION BEGIN
        view = next;
        // A forward still in flight belongs to the old view; the head request is forwarded afresh.
        forwarding = false;
        if (!view.isPrimary(address())) {
            turnAwayQueue();
            return;
        }
        if (!initialised && view.number() == 1) {
            initialised = true; // the first view: nothing was ever written, so the empty store is right
        }
        if (!initialised) {
            turnAwayQueue(); // restarted with nothing: pinging 0 tells the view service so
            return;
        }
        if (view.hasBackup()) {
            sendTransfer();
            set(new TransferRetry(view.number()), FORWARD_RETRY_MILLIS);
        } else {
            readyView = view.number();
        }
        // SOLUTION END
    }

    // ---- state transfer ----

    private void sendTransfer() {
        // SOLUTION BEGIN
        send(new Transfer(view, store, applied), view.backup());
        // SOLUTION END
    }

    private void onTransferRetry(TransferRetry retry) {
        // SOLUTION BEGIN
        if (view.isPrimary(address()) && retry.viewNumber() == view.number() && readyView != view.number()) {
            sendTransfer();
            set(retry, FORWARD_RETRY_MILLIS);
        }
        // SOLUTION END
    }

    private void handleTransfer(Transfer transfer, Address from) {
        // SOLUTION BEGIN
        View offered = transfer.view();
        if (offered.number() < view.number() || !offered.isBackup(address()) || !offered.isPrimary(from)) {
            return; // from an older view, or from a server that is not our primary
        }
        if (offered.number() > view.number()) {
            adopt(offered);
        }
        // A duplicate arriving after forwards were applied must not roll the store back.
        if (stateView != offered.number()) {
            store.clear();
            store.putAll(transfer.store());
            applied.clear();
            applied.putAll(transfer.applied());
            initialised = true;
            stateView = offered.number();
        }
        send(new TransferOk(offered.number()), from);
        // SOLUTION END
    }

    private void handleTransferOk(TransferOk ok, Address from) {
        // SOLUTION BEGIN
        if (view.isPrimary(address()) && view.isBackup(from) && ok.viewNumber() == view.number()
                && readyView != view.number()) {
            readyView = view.number();
            ping(); // acknowledge the view now rather than at the next tick
            pump();
        }
        // SOLUTION END
    }

    // ---- serving clients ----

    private void handleRequest(Request request, Address client) {
        // SOLUTION BEGIN
        if (!actingPrimary()) {
            send(new WrongServer(request.sequence()), client);
            return;
        }
        if (alreadyApplied(request)) {
            answerFromTable(request, client); // a retry of a write already carried out: answer, don't redo
            return;
        }
        for (int i = 0; i < queue.size(); i++) {
            Request queued = queue.get(i).request();
            if (queued.clientId() == request.clientId() && queued.sequence() == request.sequence()) {
                queue.set(i, new Waiting(queued, client)); // already waiting; answer wherever it asks now
                return;
            }
        }
        queue.add(new Waiting(request, client));
        pump();
        // SOLUTION END
    }

    /** Starts on the head of the queue if this primary is ready and nothing is being forwarded. */
    private void pump() {
        // SOLUTION BEGIN
        while (!forwarding && !queue.isEmpty() && actingPrimary() && readyView == view.number()) {
            Waiting head = queue.get(0);
            if (alreadyApplied(head.request())) {
                queue.remove(0);
                answerFromTable(head.request(), head.client());
            } else if (!view.hasBackup()) {
                queue.remove(0);
                send(new Reply(head.request().sequence(), execute(head.request())), head.client());
            } else {
                forwarding = true;
                forwardId++;
                send(new Forward(view.number(), forwardId, head.request()), view.backup());
                set(new ForwardRetry(forwardId), FORWARD_RETRY_MILLIS);
            }
        }
        // SOLUTION END
    }

    private void onForwardRetry(ForwardRetry retry) {
        // SOLUTION BEGIN
        if (forwarding && retry.forwardId() == forwardId && !queue.isEmpty()) {
            send(new Forward(view.number(), forwardId, queue.get(0).request()), view.backup());
            set(retry, FORWARD_RETRY_MILLIS);
        }
        // SOLUTION END
    }

    private void handleForwardOk(ForwardOk ok, Address from) {
        // SOLUTION BEGIN
        if (forwarding && ok.forwardId() == forwardId && ok.viewNumber() == view.number() && view.isBackup(from)) {
            forwarding = false;
            Waiting head = queue.remove(0);
            send(new Reply(head.request().sequence(), execute(head.request())), head.client());
            pump();
        }
        // SOLUTION END
    }

    private void handleForwardRefused(ForwardRefused refused, Address from) {
        // SOLUTION BEGIN
        if (refused.viewNumber() > view.number()) {
            // The backup has seen a newer view, so we may no longer be primary: stop answering until
            // the view service tells us that view. Unacknowledged forwards are simply resent meanwhile.
            supersededBy = Math.max(supersededBy, refused.viewNumber());
            forwarding = false;
            turnAwayQueue();
            ping();
        }
        // SOLUTION END
    }

    // ---- as backup ----

    private void handleForward(Forward forward, Address from) {
        // SOLUTION BEGIN
        boolean ours = forward.viewNumber() == view.number() && view.isBackup(address())
                && view.isPrimary(from) && stateView == view.number();
        if (!ours) {
            send(new ForwardRefused(view.number(), forward.forwardId()), from);
            return;
        }
        if (!alreadyApplied(forward.request())) {
            execute(forward.request());
        }
        send(new ForwardOk(forward.viewNumber(), forward.forwardId()), from);
        // SOLUTION END
    }

    // ---- the store ----

    /** Whether {@code request} is a Put or Append this server has already carried out. */
    private boolean alreadyApplied(Request request) {
        // SOLUTION BEGIN
        Applied done = applied.get(request.clientId());
        return isWrite(request.command()) && done != null && done.sequence() >= request.sequence();
        // SOLUTION END
    }

    /**
     * Answers a write already carried out with the answer it got then. A request older than the client's
     * latest is not answered: the client has moved on and would ignore it.
     */
    private void answerFromTable(Request request, Address client) {
        // SOLUTION BEGIN
        Applied done = applied.get(request.clientId());
        if (done.sequence() == request.sequence()) {
            send(new Reply(done.sequence(), done.result()), client);
        }
        // SOLUTION END
    }

    /** Carries out {@code request} on the store, remembering a write's answer for retries. */
    private Result execute(Request request) {
        // SOLUTION BEGIN
        Command command = request.command();
        Result result;
        if (command instanceof Get get) {
            return new GetResult(store.getOrDefault(get.key(), ""));
        } else if (command instanceof Put put) {
            store.put(put.key(), put.value());
            result = new PutOk();
        } else if (command instanceof Append append) {
            store.merge(append.key(), append.value(), String::concat);
            result = new AppendOk();
        } else {
            throw new IllegalArgumentException("A PBServer carries out Get, Put and Append, not " + command);
        }
        applied.put(request.clientId(), new Applied(request.sequence(), result));
        return result;
        // SOLUTION END
    }

    private static boolean isWrite(Command command) {
        // SOLUTION BEGIN
        return command instanceof Put || command instanceof Append;
        // SOLUTION END
    }

    private boolean actingPrimary() {
        // SOLUTION BEGIN
        return view.isPrimary(address()) && initialised && view.number() >= supersededBy;
        // SOLUTION END
    }

    /** Tells every waiting client to look for the primary elsewhere. */
    private void turnAwayQueue() {
        // SOLUTION BEGIN
        for (Waiting waiting : queue) {
            send(new WrongServer(waiting.request().sequence()), waiting.client());
        }
        queue.clear();
        // SOLUTION END
    }
}
