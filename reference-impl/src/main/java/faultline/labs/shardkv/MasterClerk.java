package faultline.labs.shardkv;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.Result;
import java.util.List;

/**
 * Carries {@link Join}, {@link Leave}, {@link Move} and {@link Query} commands to the shard master: to one
 * replica, then to the next each time an answer is slow to come, until one answers. Every command
 * carries the clerk's id and a fresh sequence number, so a retry is recognised.
 */
public final class MasterClerk extends Node implements Client {

    /** How long to wait for an answer before trying the next replica. */
    public static final long RETRY_MILLIS = 100;

    private final List<Address> masters;
    // SOLUTION BEGIN
    private long clientId;
    private long sequence;
    private int target;
    private Command current;
    private Result result;
    // SOLUTION END

    /** @param masters the shard master replicas this clerk may talk to, tried in this order */
    public MasterClerk(Address address, List<Address> masters) {
        super(address);
        this.masters = List.copyOf(masters);
        // SOLUTION BEGIN: register the handlers of your messages and timers
        onMessage(MasterReply.class, this::handleReply);
        onTimer(ClerkRetry.class, this::onRetry);
        // SOLUTION END
    }

    @Override
    protected void init() {
        // SOLUTION BEGIN
        clientId = random().nextLong();
        // SOLUTION END
    }

    @Override
    public void sendCommand(Command command) {
        // SOLUTION BEGIN
        current = command;
        result = null;
        sequence++;
        send(new MasterRequest(clientId, sequence, command), masters.get(target));
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

    // SOLUTION BEGIN: your message and timer handlers
    private void handleReply(MasterReply reply, Address from) {
        if (current != null && result == null && reply.sequence() == sequence) {
            result = reply.result();
        }
    }

    private void onRetry(ClerkRetry retry) {
        if (current != null && result == null && retry.sequence() == sequence) {
            target = (target + 1) % masters.size();
            send(new MasterRequest(clientId, sequence, current), masters.get(target));
            set(retry, RETRY_MILLIS);
        }
    }
    // SOLUTION END
}
