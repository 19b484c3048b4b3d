package faultline.grader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The grader process that made a sandbox run: its host, process id and, where the system says, the
 * process's start time (so a pid the system handed to a new process is not taken for the old grader).
 * Docker containers carry it as labels, so a grader starting later on the same host can tell a dead
 * grader's leftovers from a live sibling's runs.
 */
public record SandboxOwner(String host, long pid, Optional<Instant> started) {

    static final String HOST = "faultline.owner.host";
    static final String PID = "faultline.owner.pid";
    static final String STARTED = "faultline.owner.started";
    /** Start times are read back from the system with its own rounding; within this they are the same process. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    /** This process. */
    public static SandboxOwner current() {
        return of(ProcessHandle.current());
    }

    public static SandboxOwner of(ProcessHandle process) {
        return new SandboxOwner(thisHost(), process.pid(), process.info().startInstant());
    }

    /**
     * This machine's name, from the environment or /etc/hostname: a DNS lookup of the local host can stall
     * for seconds. Leases and container labels both name hosts this way, so they compare equal.
     */
    public static String thisHost() {
        String name = System.getenv().getOrDefault("HOSTNAME", "");
        if (name.isBlank()) {
            try {
                name = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (IOException e) {
                name = "localhost";
            }
        }
        return name.isBlank() ? "localhost" : name.replace(':', '_');
    }

    Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(HOST, host);
        labels.put(PID, String.valueOf(pid));
        started.ifPresent(at -> labels.put(STARTED, String.valueOf(at.toEpochMilli())));
        return labels;
    }

    /** The owner a container's labels name; empty for containers made before owners were labelled. */
    static Optional<SandboxOwner> fromLabels(Map<String, String> labels) {
        String host = labels.getOrDefault(HOST, "");
        String pid = labels.getOrDefault(PID, "");
        if (host.isEmpty() || pid.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<Instant> started = Optional.ofNullable(labels.get(STARTED))
                    .map(millis -> Instant.ofEpochMilli(Long.parseLong(millis)));
            return Optional.of(new SandboxOwner(host, Long.parseLong(pid), started));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * True only when this owner certainly ran on {@code host} and is gone: no live process has its pid, or the
     * one that has it started at another time. An owner on another host cannot be checked and is never gone.
     */
    boolean isGoneFrom(String thisHost) {
        if (!host.equals(thisHost)) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return true;
        }
        Optional<Instant> nowStarted = process.get().info().startInstant();
        return started.isPresent() && nowStarted.isPresent()
                && Duration.between(started.get(), nowStarted.get()).abs().compareTo(SAME_START) > 0;
    }
}
