package faultline.framework;

/**
 * A node that carries commands to a service on behalf of a caller (a test's workload).
 *
 * <p>The runtime calls {@link #sendCommand} on the client's own event thread, then after every
 * event the client handles it asks {@link #hasResult}; once true it collects the result with
 * {@link #takeResult} and may send the next command. A client carries one command at a time.
 */
public interface Client {

    /** Starts carrying {@code command} to the service. Called only when no command is in flight. */
    void sendCommand(Command command);

    /** Whether the command in flight has its result. */
    boolean hasResult();

    /** Hands back the result of the command in flight and clears it; only after {@link #hasResult}. */
    Result takeResult();
}
