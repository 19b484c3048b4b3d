package faultline.framework.cluster;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;

/** Hears when a client's command comes back with its result. */
@FunctionalInterface
public interface ClientListener {

    /**
     * @param invokedAt  the {@link Cluster#stamp()} when the command was handed to the client
     * @param returnedAt the stamp when the result came back
     */
    void returned(Address client, Command command, Result result, long invokedAt, long returnedAt);
}
