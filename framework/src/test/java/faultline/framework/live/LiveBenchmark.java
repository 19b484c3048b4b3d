package faultline.framework.live;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.cluster.ClientListener;
import faultline.framework.live.EchoNodes.Echo;
import faultline.framework.live.EchoNodes.Pinger;
import faultline.framework.live.EchoNodes.Shout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Round trips of the ping/echo pair through the live runtime, in memory and over loopback TCP: a
 * closed loop where each client sends its next command as soon as the last returns. Prints round
 * trips per second and the median and 99th-percentile latency. Run it with
 * {@code java -cp framework/target/classes:framework/target/test-classes:<jackson> faultline.framework.live.LiveBenchmark [clients] [millis]}.
 */
public final class LiveBenchmark {

    private LiveBenchmark() {
    }

    public static void main(String[] args) {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        long millis = args.length > 1 ? Long.parseLong(args[1]) : 3_000;
        measure("in-memory", LiveCluster::inMemory, clients, millis / 3); // warm-up
        measure("in-memory", LiveCluster::inMemory, clients, millis);
        measure("tcp", LiveCluster::overTcp, clients, millis / 3); // warm-up
        measure("tcp", LiveCluster::overTcp, clients, millis);
    }

    private static void measure(String wire, LongFunction<LiveCluster> runtime, int clients, long millis) {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        try (LiveCluster cluster = runtime.apply(42)) {
            Address server = Address.of("server");
            cluster.add(server, Echo::new);
            for (int i = 0; i < clients; i++) {
                Address client = Address.of("client" + i);
                cluster.add(client, a -> new Pinger(a, server));
                cluster.invoke(client, new Shout("x"), new ClientListener() {
                    @Override
                    public void returned(Address who, Command command, Result result, long invokedAt, long returnedAt) {
                        latencies.add(returnedAt - invokedAt);
                        cluster.invoke(who, new Shout("x"), this);
                    }
                });
            }
            cluster.runFor(millis);
            List<Long> sorted;
            synchronized (latencies) {
                sorted = new ArrayList<>(latencies);
            }
            Collections.sort(sorted);
            System.out.printf("wire=%s clients=%d millis=%d round_trips=%d round_trips_per_sec=%d"
                            + " median_us=%d p99_us=%d sent=%d%n",
                    wire, clients, millis, sorted.size(), Math.round(sorted.size() * 1000.0 / millis),
                    percentile(sorted, 0.5) / 1_000, percentile(sorted, 0.99) / 1_000, cluster.stats().sent());
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }
}
