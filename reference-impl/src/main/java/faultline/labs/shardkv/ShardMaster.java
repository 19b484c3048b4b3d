package faultline.labs.shardkv;

import faultline.framework.Address;
import faultline.framework.Result;
import java.io.Serializable;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One replica of the shard master: it carries out {@link Join}, {@link Leave}, {@link Move} and
 * {@link Query} commands from clerks (and from the replica groups, which poll it) through the Paxos log,
 * so that every replica holds the same {@link Configurations}. Queries go through the log too: a replica
 * that was cut off must not answer from what it knew then. A retried command takes effect once.
 */
public final class ShardMaster extends Replica {

    // SOLUTION BEGIN
    private final Configurations configurations = new Configurations();
    /** Per client, the latest command carried out and its answer. */
    private final SortedMap<Long, Applied> applied = new TreeMap<>();
    /** Per client, the request waiting at this replica for its answer. */
    private final SortedMap<Long, Waiting> waiting = new TreeMap<>();
    // SOLUTION END

    /** @param masters every shard master replica, this one included, in the same order at all of them */
    public ShardMaster(Address address, List<Address> masters) {
        super(address, masters);
        // SOLUTION BEGIN: register the handlers of your messages
        onMessage(MasterRequest.class, this::handleRequest);
        // SOLUTION END
    }

    /** The latest configuration this replica has applied, for tests to read. */
    public Config latest() {
        // SOLUTION BEGIN
        return configurations.latest();
        // SOLUTION END
    }

    // SOLUTION BEGIN: your message handlers
    private void handleRequest(MasterRequest request, Address from) {
        Applied done = applied.get(request.clientId());
        if (done != null && done.sequence() >= request.sequence()) {
            if (done.sequence() == request.sequence()) {
                send(new MasterReply(done.sequence(), done.result()), from);
            }
            return;
        }
        waiting.put(request.clientId(), new Waiting(request.sequence(), from));
        propose(new MasterOp(request.clientId(), request.sequence(), request.command()));
    }
    // SOLUTION END

    @Override
    protected void apply(Serializable operation) {
        // SOLUTION BEGIN
        MasterOp op = (MasterOp) operation;
        Applied done = applied.get(op.clientId());
        if (done == null || done.sequence() < op.sequence()) {
            Result result = configurations.execute(op.command());
            done = new Applied(op.sequence(), result);
            applied.put(op.clientId(), done);
        }
        Waiting client = waiting.get(op.clientId());
        if (client != null && client.sequence() == done.sequence()) {
            waiting.remove(op.clientId());
            send(new MasterReply(done.sequence(), done.result()), client.client());
        }
        // SOLUTION END
    }
}
