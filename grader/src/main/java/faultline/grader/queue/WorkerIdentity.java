package faultline.grader.queue;

import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a lease: {@code host:pid:name:nonce}. A process restarting on the same host can tell that a
 * lease's holder is gone (its pid is no longer alive) and recover the job at once instead of waiting
 * for the lease to run out.
 */
public record WorkerIdentity(String host, long pid, String name, String nonce) {

    public static WorkerIdentity of(String host, String name) {
        return new WorkerIdentity(host, ProcessHandle.current().pid(), name, UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public String toString() {
        return host + ":" + pid + ":" + name + ":" + nonce;
    }

    public static Optional<WorkerIdentity> parse(String owner) {
        String[] parts = owner.split(":");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WorkerIdentity(parts[0], Long.parseLong(parts[1]), parts[2], parts[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True only when the holder certainly ran on {@code host} and its process has ended. */
    public static boolean certainlyDead(String owner, String host) {
        return parse(owner)
                .filter(w -> w.host().equals(host))
                .filter(w -> w.pid() != ProcessHandle.current().pid())
                .map(w -> ProcessHandle.of(w.pid()).map(p -> !p.isAlive()).orElse(true))
                .orElse(false);
    }
}
