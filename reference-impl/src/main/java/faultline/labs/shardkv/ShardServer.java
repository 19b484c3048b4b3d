package faultline.labs.shardkv;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.labs.kv.Append;
import faultline.labs.kv.Get;
import faultline.labs.kv.KVStore;
import faultline.labs.kv.Put;
import java.io.Serializable;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One server of a replica group: it serves the Gets, Puts and Appends of the shards its group owns, and
 * moves with its group from one configuration to the next.
 *
 * <p>The rules, and why:
 * <ul>
 * <li>Every client command goes through the group's Paxos log, and whether the group serves the key's
 *     shard is decided when the command is applied, not when it arrives: between the two the group may
 *     have handed the shard off. A command for a shard the group does not serve at that point of the log
 *     is answered {@link WrongGroup}.</li>
 * <li>The group polls the shard master for the configuration after its own, and moves to it through the
 *     log: one configuration at a time, in order, and only once it holds every shard its configuration
 *     gives it. Moving on stops serving the shards it loses at once (their data and at-most-once tables
 *     are kept aside for their new owners) and starts waiting for the shards it gains.</li>
 * <li>A gained shard is served only once its data has come from the group that had it in the previous
 *     configuration, together with that shard's at-most-once table, so a command carried out there is not
 *     carried out again here. A shard no group had before starts empty.</li>
 * <li>A group answers a fetch from what it set aside when it moved on, never from a shard it still
 *     serves, and whatever shards it is itself waiting for: so two groups that need each other's shards
 *     do not wait on each other.</li>
 * </ul>
 */
public final class ShardServer extends Replica {

    private final int group;
    private final List<Address> masters;
    // SOLUTION BEGIN
    /** The configuration this server's log has reached, and the one before it. */
    private Config config = Config.initial();
    private Config previous = Config.initial();
    /** The shards the group serves now, each with its data and at-most-once table. */
    private final SortedMap<Integer, Shard> shards = new TreeMap<>();
    /** The shards the configuration gives the group whose data has not arrived yet. */
    private final SortedSet<Integer> missing = new TreeSet<>();
    /** Shards this group handed off, frozen as they were, for their new owners to fetch. */
    private final SortedMap<Handoff, ShardCopy> handedOff = new TreeMap<>();
    /** Per client, the request waiting at this server for its answer. */
    private final SortedMap<Long, Waiting> waiting = new TreeMap<>();
    /** This server's own id and sequence numbers for its queries to the shard master. */
    private long pollId;
    private long pollSequence;
    private int ticks;

    /** A shard the group serves: its keys and, per client, the latest command carried out on it. */
    private static final class Shard implements Serializable {
        final KVStore store = new KVStore();
        final SortedMap<Long, Applied> applied = new TreeMap<>();

        static Shard of(ShardCopy copy) {
            Shard shard = new Shard();
            shard.store.putAll(copy.data());
            shard.applied.putAll(copy.applied());
            return shard;
        }

        ShardCopy copy() {
            return new ShardCopy(store.contents(), applied);
        }
    }
    // SOLUTION END

    /**
     * @param group   this server's group id
     * @param servers every server of the group, this one included, in the same order at all of them
     * @param masters the shard master replicas
     */
    public ShardServer(Address address, int group, List<Address> servers, List<Address> masters) {
        super(address, servers);
        this.group = group;
        this.masters = List.copyOf(masters);
        // SOLUTION BEGIN: register the handlers of your messages
        onMessage(ShardRequest.class, this::handleRequest);
        onMessage(MasterReply.class, this::handleMasterReply);
        onMessage(FetchShard.class, this::handleFetch);
        onMessage(ShardHandoff.class, this::handleHandoff);
        // SOLUTION END
    }

    @Override
    protected void init() {
        super.init();
        // SOLUTION BEGIN
        pollId = random().nextLong();
        // SOLUTION END
    }

    /** The configuration this server has reached, for tests to read. */
    public Config config() {
        // SOLUTION BEGIN
        return config;
        // SOLUTION END
    }

    /** Whether this server serves {@code shard} now: its configuration gives it to the group and its data is here. */
    public boolean serves(int shard) {
        // SOLUTION BEGIN
        return shards.containsKey(shard);
        // SOLUTION END
    }

    @Override
    protected void tick() {
        // SOLUTION BEGIN
        ticks++;
        if (missing.isEmpty() && ticks % 2 == 0) {
            pollSequence++;
            send(new MasterRequest(pollId, pollSequence, new Query(config.number() + 1)),
                    masters.get((ticks / 2) % masters.size()));
        }
        for (int shard : missing) {
            List<Address> owners = previous.servers(previous.owner(shard));
            send(new FetchShard(config.number(), shard), owners.get(ticks % owners.size()));
        }
        // SOLUTION END
    }

    @Override
    protected void apply(Serializable operation) {
        // SOLUTION BEGIN
        if (operation instanceof ClientOp op) {
            applyClientOp(op);
        } else if (operation instanceof Reconfigure reconfigure) {
            applyReconfigure(reconfigure.next());
        } else if (operation instanceof InstallShard install) {
            if (install.configNumber() == config.number() && missing.remove(install.shard())) {
                shards.put(install.shard(), Shard.of(install.copy()));
            }
        }
        // SOLUTION END
    }

    // SOLUTION BEGIN: your message handlers and helpers
    private void handleRequest(ShardRequest request, Address from) {
        waiting.put(request.clientId(), new Waiting(request.sequence(), from));
        propose(new ClientOp(request.clientId(), request.sequence(), request.command()));
    }

    private void handleMasterReply(MasterReply reply, Address from) {
        if (reply.result() instanceof Configured configured && missing.isEmpty()
                && configured.config().number() == config.number() + 1) {
            propose(new Reconfigure(configured.config()));
        }
    }

    private void handleFetch(FetchShard fetch, Address from) {
        ShardCopy copy = handedOff.get(new Handoff(fetch.configNumber(), fetch.shard()));
        if (copy != null) {
            send(new ShardHandoff(fetch.configNumber(), fetch.shard(), copy), from);
        }
    }

    private void handleHandoff(ShardHandoff handoff, Address from) {
        if (handoff.configNumber() == config.number() && missing.contains(handoff.shard())) {
            propose(new InstallShard(handoff.configNumber(), handoff.shard(), handoff.copy()));
        }
    }

    private void applyClientOp(ClientOp op) {
        Shard shard = shards.get(Config.shardOf(key(op.command())));
        if (shard == null) {
            Waiting client = waiting.get(op.clientId());
            if (client != null && client.sequence() == op.sequence()) {
                waiting.remove(op.clientId());
                send(new WrongGroup(op.sequence()), client.client());
            }
            return;
        }
        Applied done = shard.applied.get(op.clientId());
        if (done == null || done.sequence() < op.sequence()) {
            Result result = shard.store.apply(op.command());
            done = new Applied(op.sequence(), result);
            shard.applied.put(op.clientId(), done);
        }
        Waiting client = waiting.get(op.clientId());
        if (client != null && client.sequence() == done.sequence()) {
            waiting.remove(op.clientId());
            send(new ShardReply(done.sequence(), done.result()), client.client());
        }
    }

    private void applyReconfigure(Config next) {
        if (next.number() != config.number() + 1 || !missing.isEmpty()) {
            return; // not the next one, or this one is not complete: a stale proposal
        }
        for (int shard = 0; shard < Config.SHARDS; shard++) {
            boolean ours = config.owner(shard) == group;
            boolean oursNext = next.owner(shard) == group;
            if (ours && !oursNext) {
                handedOff.put(new Handoff(next.number(), shard), shards.remove(shard).copy());
            } else if (!ours && oursNext) {
                if (config.owner(shard) == Config.NO_GROUP) {
                    shards.put(shard, new Shard());
                } else {
                    missing.add(shard);
                }
            }
        }
        previous = config;
        config = next;
    }

    private static String key(Command command) {
        if (command instanceof Get get) {
            return get.key();
        } else if (command instanceof Put put) {
            return put.key();
        } else if (command instanceof Append append) {
            return append.key();
        }
        throw new IllegalArgumentException("A shard server carries out Get, Put and Append, not " + command);
    }
    // SOLUTION END
}
