package faultline.labs.paxoskv;

import faultline.framework.Address;
import faultline.framework.Node;
import faultline.labs.kv.KVStore;
import faultline.labs.paxos.Paxos;
import java.io.Serializable;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A key/value server, one of several that keep the same {@link KVStore} by agreeing, instance by
 * instance, on one log of operations with the {@link Paxos} component each of them hosts.
 *
 * <p>A server proposes each client request for a fresh instance, applies decided instances strictly
 * in order, and answers a client only when its request has been applied: so a server cut off from a
 * majority never answers, and every server's store goes through the same states. Gets go through the
 * log too. Each Put and Append carries its client's id and sequence number; the latest one applied per
 * client is remembered, with its answer, as part of the replicated state (every server applies the same
 * log, so every server's table is the same), so a retry sent to any server is answered, not applied
 * again. An instance this server has not heard decided while later ones exist (a hole) is filled by
 * proposing a no-op, which learns the decided value if there is one. After applying an instance the
 * server tells Paxos it is done with it, so the log's memory is freed once all servers have applied it.
 */
public final class KVServer extends Node {

    /** How often a server looks for holes in its log. */
    static final long LOG_TICK_MILLIS = 50;

    private final Paxos paxos;
    // SOLUTION BEGIN
    private final KVStore store = new KVStore();
    /** Per client id, the latest request applied and its answer. Replicated: every server applies the same log. */
    private final TreeMap<Long, Applied> applied = new TreeMap<>();
    /** Decided instances not applied yet, because an earlier one is still unknown. */
    private final TreeMap<Integer, Serializable> decided = new TreeMap<>();
    /** Per client id, the request this server proposed and waits to see applied. */
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    /** The next instance to apply: every instance below it is applied. */
    private int next;
    /** The hole seen at the last tick; filled with a no-op if it is still there at the next. */
    private int hole = -1;
    // SOLUTION END

    /** @param servers the addresses of every server, this one included, in the same order at every server */
    public KVServer(Address address, List<Address> servers) {
        super(address);
        List<Address> peers = servers.stream().map(server -> server.sub("paxos")).toList();
        paxos = addComponent(new Paxos(address.sub("paxos"), peers, this::onDecided));
        onMessage(Request.class, this::handleRequest);
        onTimer(LogTick.class, this::onLogTick);
    }

    @Override
    protected void init() {
        // SOLUTION BEGIN
        set(new LogTick(), LOG_TICK_MILLIS);
        // SOLUTION END
    }

    /** This server's Paxos component, for tests to inspect. */
    public Paxos paxos() {
        return paxos;
    }

    /** A copy of this server's key/value data, for tests to compare the servers. */
    public SortedMap<String, String> data() {
        // SOLUTION BEGIN
        return store.contents();
        // SOLUTION END
    }

    /** How many log instances this server has applied (all instances below this number). */
    public int applied() {
        // SOLUTION BEGIN
        return next;
        // SOLUTION END
    }

    private void handleRequest(Request request, Address from) {
        // SOLUTION BEGIN
        Applied done = applied.get(request.clientId());
        if (done != null && done.sequence() >= request.sequence()) {
            if (done.sequence() == request.sequence()) {
                send(new Reply(done.sequence(), done.result()), from);
            }
            return;
        }
        Pending waiting = pending.get(request.clientId());
        if (waiting != null && waiting.request().sequence() >= request.sequence()) {
            if (waiting.request().sequence() == request.sequence()) {
                pending.put(request.clientId(), new Pending(waiting.request(), from, waiting.instance()));
            }
            return;
        }
        propose(request, from);
        // SOLUTION END
    }

    /** Paxos decided {@code instance} on {@code value}: apply what can be applied, in order. */
    private void onDecided(int instance, Serializable value) {
        // SOLUTION BEGIN
        if (instance < next) {
            return;
        }
        decided.put(instance, value);
        while (decided.containsKey(next)) {
            apply(decided.remove(next));
            paxos.done(next);
            next++;
        }
        // Requests whose instance went to another operation are proposed again, further on.
        for (Pending waiting : List.copyOf(pending.values())) {
            if (waiting.instance() < next) {
                propose(waiting.request(), waiting.client());
            }
        }
        // SOLUTION END
    }

    /**
     * Looks for holes: instances this server has not heard decided while later ones exist. If the log made
     * no progress since the last tick, it proposes a no-op for every such instance at once, which either
     * decides them or (as acceptors answer with what was decided) teaches this server their values.
     */
    private void onLogTick(LogTick tick) {
        // SOLUTION BEGIN
        if (paxos.max() >= next && !paxos.status(next).isDecided()) {
            if (hole == next) {
                for (int instance = next; instance <= paxos.max(); instance++) {
                    if (!decided.containsKey(instance)) {
                        paxos.start(instance, NoOp.VALUE);
                    }
                }
            }
            hole = next;
        }
        set(tick, LOG_TICK_MILLIS);
        // SOLUTION END
    }

    // SOLUTION BEGIN: helpers of your own (proposing a request, applying a log entry)
    /** Proposes {@code request} for the first instance this server has not seen used. */
    private void propose(Request request, Address client) {
        int instance = Math.max(next, paxos.max() + 1);
        pending.put(request.clientId(), new Pending(request, client, instance));
        paxos.start(instance, new Op(request.clientId(), request.sequence(), request.command()));
    }

    private void apply(Serializable value) {
        if (!(value instanceof Op op)) {
            return; // a no-op that filled a hole
        }
        Applied done = applied.get(op.clientId());
        if (done == null || op.sequence() > done.sequence()) {
            done = new Applied(op.sequence(), store.apply(op.command()));
            applied.put(op.clientId(), done);
        }
        Pending waiting = pending.get(op.clientId());
        if (waiting != null && waiting.request().sequence() <= op.sequence()) {
            pending.remove(op.clientId());
            if (waiting.request().sequence() == op.sequence()) {
                send(new Reply(done.sequence(), done.result()), waiting.client());
            }
        }
    }
    // SOLUTION END
}
