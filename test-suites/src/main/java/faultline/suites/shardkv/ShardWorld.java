package faultline.suites.shardkv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.fault.Scenario;
import faultline.framework.sim.Simulation;
import faultline.labs.kv.Get;
import faultline.labs.kv.GetResult;
import faultline.labs.shardkv.Config;
import faultline.labs.shardkv.Configured;
import faultline.labs.shardkv.Join;
import faultline.labs.shardkv.Leave;
import faultline.labs.shardkv.MasterClerk;
import faultline.labs.shardkv.Move;
import faultline.labs.shardkv.Ok;
import faultline.labs.shardkv.Query;
import faultline.labs.shardkv.ShardClerk;
import faultline.labs.shardkv.ShardMaster;
import faultline.labs.shardkv.ShardServer;
import faultline.testkit.history.History;
import faultline.testkit.history.HistoryRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A simulated sharded deployment for one test: three shard master replicas, the replica groups the test
 * adds, an admin clerk for the shard master, and key/value clerks whose one-off calls are recorded in a
 * history for the linearizability check.
 */
final class ShardWorld {

    static final int MASTERS = 3;
    static final Address ADMIN = Address.of("admin");

    /** Long enough for a group to poll the master, fetch its shards and serve them, with lost messages retried. */
    static final long MOVE_MILLIS = 3_000;

    final Simulation sim;
    final List<Address> masters = IntStream.range(0, MASTERS).mapToObj(i -> Address.of("m" + i)).toList();
    private final Map<Integer, List<Address>> groups = new TreeMap<>();
    private final HistoryRecorder<Command, Result> calls = new HistoryRecorder<>();
    private final Map<Address, Integer> clientNumbers = new TreeMap<>();

    ShardWorld(Simulation sim) {
        this.sim = sim;
        for (Address master : masters) {
            sim.add(master, a -> new ShardMaster(a, masters));
        }
        sim.add(ADMIN, a -> new MasterClerk(a, masters));
    }

    static List<Address> servers(int group, int size) {
        return IntStream.range(0, size).mapToObj(i -> Address.of("g" + group + "s" + i)).toList();
    }

    static Address clerk(int n) {
        return Address.of("c" + n);
    }

    static List<Address> clerks(int count) {
        return IntStream.range(0, count).mapToObj(ShardWorld::clerk).toList();
    }

    /** A key of {@code shard}: its first character is chosen so that {@link Config#shardOf} gives that shard. */
    static String key(int shard, String rest) {
        String key = (char) ('d' + shard) + rest; // 'd' is 100, so 'd' + s falls in shard s
        assertEquals(shard, Config.shardOf(key), "the suite's keys must fall in the shard they are made for");
        return key;
    }

    /** One key per shard, {@code "<shard char>k"}, in shard order. */
    static List<String> keyPerShard() {
        return IntStream.range(0, Config.SHARDS).mapToObj(s -> key(s, "k")).toList();
    }

    /** Starts the {@code size} servers of {@code group} (they serve nothing until the group joins). */
    List<Address> addGroup(int group, int size) {
        List<Address> servers = servers(group, size);
        groups.put(group, servers);
        for (Address server : servers) {
            sim.add(server, a -> new ShardServer(a, group, servers, masters));
        }
        return servers;
    }

    List<Address> group(int group) {
        return groups.get(group);
    }

    void addClerks(List<Address> clerks) {
        for (Address clerk : clerks) {
            sim.add(clerk, a -> new ShardClerk(a, masters));
        }
    }

    // ---- the shard master, through the admin clerk ----

    Result admin(Command command) {
        Result[] box = new Result[1];
        sim.invoke(ADMIN, command, (who, done, result, invokedAt, returnedAt) -> box[0] = result);
        assertTrue(sim.runUntil(() -> box[0] != null, 5_000), "the shard master did not answer " + command
                + " within 5 s; do the master replicas agree through Paxos and answer the clerk?");
        return box[0];
    }

    void join(int group) {
        assertEquals(new Ok(), admin(new Join(group, groups.get(group))), "Join of group " + group + " should succeed");
    }

    void leave(int group) {
        assertEquals(new Ok(), admin(new Leave(group)), "Leave of group " + group + " should succeed");
    }

    void move(int shard, int group) {
        assertEquals(new Ok(), admin(new Move(shard, group)), "Move of shard " + shard + " to group " + group
                + " should succeed");
    }

    Config latest() {
        Result result = admin(Query.latest());
        assertTrue(result instanceof Configured, "a Query should answer Configured, not " + result);
        return ((Configured) result).config();
    }

    ShardServer server(Address server) {
        return sim.node(server).map(ShardServer.class::cast)
                .orElseThrow(() -> new AssertionError(server + " is down, so its state cannot be read"));
    }

    /** The server's reached configuration number, or -1 if it is down. */
    int configNumber(Address server) {
        return sim.node(server).map(n -> ((ShardServer) n).config().number()).orElse(-1);
    }

    /** Runs until every live server of every group has reached configuration {@code number} and holds all its shards. */
    void awaitSettled(int number, long maxMillis) {
        assertTrue(sim.runUntil(() -> settled(number), maxMillis), "every live group server should reach"
                + " configuration " + number + " and serve all its shards within " + maxMillis + " ms; reached: "
                + reached());
    }

    /** As {@link #awaitSettled}, leaving out {@code except} (a server cut off from its group, say). */
    void awaitSettledExcept(int number, Address except, long maxMillis) {
        assertTrue(sim.runUntil(() -> settled(number, except), maxMillis), "every group server but " + except
                + " should reach configuration " + number + " and serve all its shards within " + maxMillis
                + " ms; reached: " + reached());
    }

    private boolean settled(int number) {
        return settled(number, Address.of("(none)"));
    }

    private boolean settled(int number, Address except) {
        for (List<Address> servers : groups.values()) {
            for (Address server : servers) {
                if (server.equals(except)) {
                    continue;
                }
                Optional<ShardServer> node = sim.node(server).map(ShardServer.class::cast);
                if (node.isPresent() && !settledAt(node.get(), number)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean settledAt(ShardServer server, int number) {
        Config config = server.config();
        if (config.number() != number) {
            return false;
        }
        for (int shard = 0; shard < Config.SHARDS; shard++) {
            if (config.owner(shard) != Config.NO_GROUP && server.serves(shard) != (config.owner(shard) == groupOf(server))) {
                return false;
            }
        }
        return true;
    }

    private static int groupOf(ShardServer server) {
        String name = server.address().name();
        return Integer.parseInt(name.substring(1, name.indexOf('s')));
    }

    /**
     * Once settled: every shard is served by every live server of the group the configuration gives it to, and
     * by no server of any other group.
     */
    void assertEachShardServedByOneGroup(Config config) {
        for (int shard = 0; shard < Config.SHARDS; shard++) {
            int owner = config.owner(shard);
            for (Map.Entry<Integer, List<Address>> group : groups.entrySet()) {
                for (Address server : group.getValue()) {
                    Optional<ShardServer> node = sim.node(server).map(ShardServer.class::cast);
                    if (node.isPresent()) {
                        assertEquals(group.getKey() == owner, node.get().serves(shard), server + " of group "
                                + group.getKey() + (group.getKey() == owner ? " should" : " must not") + " serve shard "
                                + shard + " in " + config + ": a shard is served by exactly one group, the one the"
                                + " configuration gives it to, once its data is there");
                    }
                }
            }
        }
    }

    /** A scenario step list that cuts {@code a} and {@code b} apart, both ways, for every pair. */
    static Scenario.Builder cutApart(Scenario.Builder scenario, long at, List<Address> a, List<Address> b) {
        for (Address x : a) {
            for (Address y : b) {
                scenario.at(at).cut(x, y).at(at).cut(y, x);
            }
        }
        return scenario;
    }

    String reached() {
        List<String> out = new ArrayList<>();
        groups.forEach((group, servers) -> servers.forEach(s -> out.add(s + "@" + configNumber(s))));
        return String.join(" ", out);
    }

    // ---- key/value calls ----

    /** A command handed to a clerk, and its result once it comes back. */
    static final class Call {
        final Command command;
        private Result result;

        private Call(Command command) {
            this.command = command;
        }

        boolean done() {
            return result != null;
        }

        Result result() {
            return result;
        }
    }

    Call start(Address clerk, Command command) {
        int client = clientNumbers.computeIfAbsent(clerk, c -> clientNumbers.size());
        HistoryRecorder.Invocation invocation = calls.invoke(client, command, sim.stamp());
        Call call = new Call(command);
        sim.invoke(clerk, command, (who, done, result, invokedAt, returnedAt) -> {
            calls.complete(invocation, result, sim.stamp());
            call.result = result;
        });
        return call;
    }

    Result call(Address clerk, Command command, long maxMillis) {
        Call call = start(clerk, command);
        assertTrue(sim.runUntil(call::done, maxMillis), clerk + "'s " + command + " (shard "
                + Config.shardOf(keyOf(command)) + ") did not finish within " + maxMillis + " ms; group servers"
                + " reached configurations " + reached());
        return call.result();
    }

    void assertValue(Address clerk, String key, String expected, String why) {
        Result got = call(clerk, new Get(key), MOVE_MILLIS);
        assertEquals(new GetResult(expected), got, "Get(" + key + ") of shard " + Config.shardOf(key) + " " + why);
    }

    History<Command, Result> calls() {
        return calls.history();
    }

    /** Puts {@code scenario} into effect now. */
    void apply(Scenario scenario) {
        sim.apply(scenario);
        sim.runFor(0);
    }

    static String keyOf(Command command) {
        if (command instanceof Get get) {
            return get.key();
        } else if (command instanceof faultline.labs.kv.Put put) {
            return put.key();
        } else if (command instanceof faultline.labs.kv.Append append) {
            return append.key();
        }
        return "";
    }
}
