package faultline.labs.shardkv;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.Result;
import faultline.labs.kv.Append;
import faultline.labs.kv.Get;
import faultline.labs.kv.Put;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Carries {@link Get}, {@link Put} and {@link Append} commands to the group that serves the key's shard,
 * as the latest configuration it knows says. It asks the shard master for the latest configuration at
 * the start, whenever a group answers that it does not serve the key, and whenever an answer is slow to
 * come; and it tries the group's servers one after another, starting with the one of that group that
 * answered it last (so a server that is down costs one retry, not one per command). Every command carries
 * the clerk's id and a fresh sequence number, so a retry is recognised by whichever group serves the shard
 * by then.
 */
public final class ShardClerk extends Node implements Client {

    /** How long to wait for an answer before asking the shard master again and trying another server. */
    public static final long RETRY_MILLIS = 100;

    private final List<Address> masters;
    // SOLUTION BEGIN
    private long clientId;
    private long sequence;
    private long querySequence;
    private int attempt;
    private Config config = Config.initial();
    /** Per group, the index of the server that answered this clerk last: tried first next time. */
    private final SortedMap<Integer, Integer> lastAnswered = new TreeMap<>();
    private Command current;
    private Result result;
    // SOLUTION END

    public ShardClerk(Address address, List<Address> masters) {
        super(address);
        this.masters = List.copyOf(masters);
        // SOLUTION BEGIN: register the handlers of your messages and timers
        onMessage(ShardReply.class, this::handleReply);
        onMessage(WrongGroup.class, this::handleWrongGroup);
        onMessage(MasterReply.class, this::handleMasterReply);
        onTimer(ClerkRetry.class, this::onRetry);
        // SOLUTION END
    }

    @Override
    protected void init() {
        // SOLUTION BEGIN
        clientId = random().nextLong();
        askMaster();
        // SOLUTION END
    }

    @Override
    public void sendCommand(Command command) {
        // SOLUTION BEGIN
        current = command;
        result = null;
        sequence++;
        attempt = 0;
        sendRequest();
        set(new ClerkRetry(sequence), RETRY_MILLIS);
        // SOLUTION END
    }

    @Override
    public boolean hasResult() {
        // SOLUTION BEGIN
        return result != null;
        // SOLUTION END
    }

    @Override
    public Result takeResult() {
        // SOLUTION BEGIN
        Result taken = result;
        result = null;
        current = null;
        return taken;
        // SOLUTION END
    }

    // SOLUTION BEGIN: your message and timer handlers and helpers
    private boolean waitingForResult() {
        return current != null && result == null;
    }

    /** Sends the command in flight to a server of the group that serves its key, as far as this clerk knows. */
    private void sendRequest() {
        int group = config.owner(Config.shardOf(key(current)));
        List<Address> servers = config.servers(group);
        if (servers.isEmpty()) {
            askMaster();
        } else {
            int first = lastAnswered.getOrDefault(group, 0);
            send(new ShardRequest(clientId, sequence, current), servers.get((first + attempt) % servers.size()));
        }
    }

    private void askMaster() {
        querySequence++;
        send(new MasterRequest(~clientId, querySequence, Query.latest()),
                masters.get((int) (querySequence % masters.size())));
    }

    private void handleReply(ShardReply reply, Address from) {
        if (waitingForResult() && reply.sequence() == sequence) {
            result = reply.result();
            int group = config.owner(Config.shardOf(key(current)));
            int server = config.servers(group).indexOf(from);
            if (server >= 0) {
                lastAnswered.put(group, server);
            }
        }
    }

    private void handleWrongGroup(WrongGroup wrong, Address from) {
        if (waitingForResult() && wrong.sequence() == sequence) {
            askMaster();
        }
    }

    private void handleMasterReply(MasterReply reply, Address from) {
        if (reply.result() instanceof Configured configured && configured.config().number() > config.number()) {
            config = configured.config();
            if (waitingForResult()) {
                attempt = 0;
                sendRequest();
            }
        }
    }

    private void onRetry(ClerkRetry retry) {
        if (waitingForResult() && retry.sequence() == sequence) {
            attempt++;
            askMaster();
            sendRequest();
            set(retry, RETRY_MILLIS);
        }
    }

    private static String key(Command command) {
        if (command instanceof Get get) {
            return get.key();
        } else if (command instanceof Put put) {
            return put.key();
        } else if (command instanceof Append append) {
            return append.key();
        }
        throw new IllegalArgumentException("A shard clerk carries Get, Put and Append, not " + command);
    }
    // SOLUTION END
}
