package faultline.labs.paxoskv;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.Result;
import java.util.List;

/**
 * Carries {@link faultline.labs.kv.Get}, {@link faultline.labs.kv.Put} and {@link faultline.labs.kv.Append}
 * commands to the servers: it sends to one server, and tries the next whenever an answer is slow to come.
 * Every command carries the clerk's id and a fresh sequence number, so the servers can tell a retry from a
 * new command.
 */
public final class Clerk extends Node implements Client {

    /** How long to wait for an answer before trying the next server. */
    static final long RETRY_MILLIS = 60;

    private final List<Address> servers;
    // SOLUTION BEGIN
    /** Drawn afresh by every incarnation, so a restarted clerk is never mistaken for its former self. */
    private long clientId;
    private long sequence;
    /** The server tried last; a server that answered is tried first next time. */
    private int server;
    private Command current;
    private Result result;
    // SOLUTION END

    public Clerk(Address address, List<Address> servers) {
        super(address);
        this.servers = List.copyOf(servers);
        onMessage(Reply.class, this::handleReply);
        onTimer(ClerkRetry.class, this::onRetry);
    }

    @Override
    protected void init() {
        // SOLUTION BEGIN
        clientId = random().nextLong();
        server = random().nextInt(servers.size());
        // SOLUTION END
    }

    @Override
    public void sendCommand(Command command) {
        // SOLUTION BEGIN
        current = command;
        result = null;
        sequence++;
        send(new Request(clientId, sequence, current), servers.get(server));
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

    private void handleReply(Reply reply, Address from) {
        // SOLUTION BEGIN
        if (current != null && result == null && reply.sequence() == sequence) {
            result = reply.result();
            server = Math.max(0, servers.indexOf(from));
        }
        // SOLUTION END
    }

    private void onRetry(ClerkRetry retry) {
        // SOLUTION BEGIN
        if (current != null && result == null && retry.sequence() == sequence) {
            server = (server + 1) % servers.size();
            send(new Request(clientId, sequence, current), servers.get(server));
            set(retry, RETRY_MILLIS);
        }
        // SOLUTION END
    }
}
