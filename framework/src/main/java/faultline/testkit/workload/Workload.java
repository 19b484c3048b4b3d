package faultline.testkit.workload;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.cluster.Cluster;
import faultline.testkit.history.History;
import faultline.testkit.history.HistoryRecorder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Client operations to run against a cluster: each client issues its commands one after another,
 * the next as soon as the previous returns, and every operation lands in a history with its call
 * and return stamps, ready for a linearizability or at-most-once check.
 */
public final class Workload {

    private final List<Address> clients;
    private final CommandSource source;

    private Workload(List<Address> clients, CommandSource source) {
        this.clients = List.copyOf(clients);
        this.source = source;
    }

    /** Each client runs its own fixed script. */
    public static Workload scripted(Map<Address, List<? extends Command>> scripts) {
        List<Address> clients = scripts.keySet().stream().sorted().toList();
        return new Workload(clients, (client, index, random) -> {
            List<? extends Command> script = scripts.get(clients.get(client));
            return index < script.size() ? Optional.of(script.get(index)) : Optional.empty();
        });
    }

    /** The clients draw their commands from {@code source}. */
    public static Workload generated(List<Address> clients, CommandSource source) {
        return new Workload(clients, source);
    }

    /** The clients draw up to {@code perClient} commands each from {@code source}. */
    public static Workload generated(List<Address> clients, int perClient, CommandSource source) {
        return new Workload(clients, (client, index, random) ->
                index < perClient ? source.next(client, index, random) : Optional.empty());
    }

    public List<Address> clients() {
        return clients;
    }

    /** Starts every client on its first command; the run goes on as the cluster runs. */
    public Run start(Cluster cluster) {
        Run run = new Run(cluster, new SplittableRandom(cluster.seed() * 31 + 7));
        for (int i = 0; i < clients.size(); i++) {
            run.issueNext(i);
        }
        return run;
    }

    /** A workload in progress: which clients are finished, and the history so far. */
    public final class Run {
        private final Cluster cluster;
        private final SplittableRandom random;
        private final HistoryRecorder<Command, Result> recorder = new HistoryRecorder<>();
        private final int[] issued = new int[clients.size()];
        private final boolean[] finished = new boolean[clients.size()];
        private int finishedCount;
        private int completed;
        private volatile boolean stopped;

        private Run(Cluster cluster, SplittableRandom random) {
            this.cluster = cluster;
            this.random = random;
        }

        private void issueNext(int client) {
            Optional<Command> next;
            synchronized (this) {
                next = stopped ? Optional.empty() : source.next(client, issued[client], random);
                if (next.isEmpty()) {
                    if (!finished[client]) {
                        finished[client] = true;
                        finishedCount++;
                    }
                    return;
                }
                issued[client]++;
            }
            Command command = next.get();
            HistoryRecorder.Invocation invocation = recorder.invoke(client, command, cluster.stamp());
            cluster.invoke(clients.get(client), command, (address, done, result, invokedAt, returnedAt) -> {
                recorder.complete(invocation, result, cluster.stamp());
                synchronized (this) {
                    completed++;
                }
                issueNext(client);
            });
        }

        /** Stops handing out new commands; those in flight still finish. */
        public void stop() {
            stopped = true;
        }

        /** Whether every client has finished its commands. */
        public synchronized boolean done() {
            return finishedCount == clients.size();
        }

        /** How many operations have returned. */
        public synchronized int completed() {
            return completed;
        }

        /** The history so far; operations still in flight are marked unknown. */
        public History<Command, Result> history() {
            return recorder.history();
        }
    }
}
