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
    // TODO: the state this node needs

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
        // TODO: implement KVServer.init
    }

    /** This server's Paxos component, for tests to inspect. */
    public Paxos paxos() {
        return paxos;
    }

    /** A copy of this server's key/value data, for tests to compare the servers. */
    public SortedMap<String, String> data() {
        // TODO: implement KVServer.data
        throw new UnsupportedOperationException("TODO: implement KVServer.data");
    }

    /** How many log instances this server has applied (all instances below this number). */
    public int applied() {
        // TODO: implement KVServer.applied
        throw new UnsupportedOperationException("TODO: implement KVServer.applied");
    }

    private void handleRequest(Request request, Address from) {
        // TODO: implement KVServer.handleRequest
    }

    /** Paxos decided {@code instance} on {@code value}: apply what can be applied, in order. */
    private void onDecided(int instance, Serializable value) {
        // TODO: implement KVServer.onDecided
    }

    /**
     * Looks for holes: instances this server has not heard decided while later ones exist. If the log made
     * no progress since the last tick, it proposes a no-op for every such instance at once, which either
     * decides them or (as acceptors answer with what was decided) teaches this server their values.
     */
    private void onLogTick(LogTick tick) {
        // TODO: implement KVServer.onLogTick
    }

    // TODO: helpers of your own (proposing a request, applying a log entry)
}
