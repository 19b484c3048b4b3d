package faultline.suites.paxoskv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.fault.Scenario;
import faultline.framework.sim.Simulation;
import faultline.labs.kv.Append;
import faultline.labs.kv.AppendOk;
import faultline.labs.kv.Get;
import faultline.labs.kv.GetResult;
import faultline.labs.kv.Put;
import faultline.labs.kv.PutOk;
import faultline.labs.paxoskv.Clerk;
import faultline.labs.paxoskv.KVServer;
import faultline.testkit.check.AppendChains;
import faultline.testkit.history.History;
import faultline.testkit.history.HistoryRecorder;
import faultline.testkit.history.Operation;
import faultline.testkit.history.Outcome;
import faultline.testkit.lincheck.KvInput;
import faultline.testkit.lincheck.KvModel;
import faultline.testkit.lincheck.KvOutput;
import faultline.testkit.lincheck.LinearizabilityChecker;
import faultline.testkit.lincheck.LinearizabilityResult;
import faultline.testkit.lincheck.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A simulated Paxos key/value deployment for one test: the servers, the clerks the test adds (each
 * told which servers it may use), one-off calls recorded in a history, and the checks on what the
 * clients saw and what the servers hold.
 */
final class KvPaxosWorld {

    /** Generous for the short histories these tests record; a run out of budget is reported, not failed. */
    static final Duration LINCHECK_BUDGET = Duration.ofSeconds(5);

    final Simulation sim;
    final List<Address> servers;
    private final HistoryRecorder<Command, Result> calls = new HistoryRecorder<>();
    private final Map<Address, Integer> clientNumbers = new TreeMap<>();

    KvPaxosWorld(Simulation sim, int count) {
        this.sim = sim;
        this.servers = servers(count);
        for (Address server : servers) {
            sim.add(server, a -> new KVServer(a, servers));
        }
    }

    static List<Address> servers(int count) {
        return IntStream.range(0, count).mapToObj(n -> Address.of("s" + n)).toList();
    }

    static List<Address> clerks(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(n -> Address.of(prefix + n)).toList();
    }

    /** Adds clerks that may talk to {@code to} only. */
    void addClerks(List<Address> clerks, List<Address> to) {
        for (Address clerk : clerks) {
            sim.add(clerk, a -> new Clerk(a, to));
        }
    }

    KVServer server(Address server) {
        return sim.node(server).map(KVServer.class::cast)
                .orElseThrow(() -> new AssertionError(server + " is down, so its state cannot be read"));
    }

    List<Address> serversAt(int... numbers) {
        return IntStream.of(numbers).mapToObj(servers::get).toList();
    }

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

    /** Hands {@code command} to {@code clerk} without waiting; the call joins {@link #calls()}. */
    Call start(Address clerk, Command command) {
        int client = clientNumbers.computeIfAbsent(clerk, c -> clientNumbers.size());
        HistoryRecorder.Invocation invocation = calls.invoke(client, command, sim.stamp());
        Call call = new Call(command);
        sim.invoke(clerk, command, (who, done, result, invokedAt, returnedAt) -> {
            calls.complete(invocation, result, sim.stamp());
            call.result = result;
        });
        sim.runFor(0);
        return call;
    }

    /** Carries {@code command} through {@code clerk}, failing if it does not finish within {@code maxMillis}. */
    Result call(Address clerk, Command command, long maxMillis, String when) {
        Call call = start(clerk, command);
        assertTrue(sim.runUntil(call::done, maxMillis), clerk + "'s " + command + " did not finish within "
                + maxMillis + " ms " + when + "; servers have applied " + appliedCounts());
        return call.result();
    }

    void assertValue(Address clerk, String key, String expected, String why) {
        assertEquals(new GetResult(expected), call(clerk, new Get(key), 3_000, why), "Get(" + key + ") " + why);
    }

    History<Command, Result> calls() {
        return calls.history();
    }

    void apply(Scenario scenario) {
        sim.apply(scenario);
        sim.runFor(0);
    }

    String appliedCounts() {
        List<String> counts = new ArrayList<>();
        for (Address server : servers) {
            counts.add(server + "=" + sim.node(server).map(n -> String.valueOf(((KVServer) n).applied())).orElse("down"));
        }
        return String.join(", ", counts) + " instances";
    }

    /**
     * Every live server must hold the same data once all have applied the same log: a probe Get through
     * each server makes it catch up with the log, then the servers must reach the same point and agree.
     */
    void assertReplicasAgree(String when) {
        List<Address> live = servers.stream().filter(s -> sim.node(s).isPresent()).toList();
        for (Address server : live) {
            Address probe = Address.of("probe-" + server + "-" + sim.now());
            sim.add(probe, a -> new Clerk(a, List.of(server)));
            call(probe, new Get("probe"), 5_000, "through " + server + " alone " + when
                    + " (a server must answer once it can reach a majority)");
        }
        boolean caughtUp = sim.runUntil(() -> live.stream().map(s -> server(s).applied()).distinct().count() == 1,
                3_000);
        assertTrue(caughtUp, "after probing every server " + when + ", all should have applied the same log within"
                + " 3 s; they have applied " + appliedCounts());
        SortedMap<String, String> first = server(live.get(0)).data();
        for (Address server : live.subList(1, live.size())) {
            assertEquals(first, server(server).data(), server + " holds different data from " + live.get(0) + " "
                    + when + " although both applied " + server(server).applied() + " instances: every server must"
                    + " apply the same operations in the same order, each Put and Append once");
        }
    }

    /** What the clients saw, all histories of one run together, must be linearizable. */
    @SafeVarargs
    static void assertLinearizable(String test, History<Command, Result>... histories) {
        List<Operation<KvInput, KvOutput>> operations = new ArrayList<>();
        for (int h = 0; h < histories.length; h++) {
            for (Operation<Command, Result> op : histories[h].operations()) {
                int client = h * 1_000 + op.client();
                KvInput input = input(op.input());
                if (op.outcome() instanceof Outcome.Returned<Result> returned) {
                    operations.add(Operation.returned(client, input, output(op.input(), returned.value()),
                            op.callTime(), op.returnTime()));
                } else {
                    operations.add(Operation.unknown(client, input, op.callTime()));
                }
            }
        }
        LinearizabilityResult result = LinearizabilityChecker.check(History.of(operations), new KvModel(),
                LINCHECK_BUDGET);
        if (result.verdict() == Verdict.UNKNOWN) {
            System.out.println("[paxoskv] " + test + ": linearizability UNKNOWN (not counted as a failure): "
                    + result.explanation());
        } else if (result.verdict() == Verdict.NOT_LINEARIZABLE) {
            fail("What the clients saw is not linearizable, so the service is not behaving like one key/value"
                    + " store (a stale read, a lost or doubled write). " + result.explanation());
        }
    }

    private static KvInput input(Command command) {
        if (command instanceof Get get) {
            return KvInput.get(get.key());
        } else if (command instanceof Put put) {
            return KvInput.put(put.key(), put.value());
        } else if (command instanceof Append append) {
            return KvInput.append(append.key(), append.value());
        }
        throw new IllegalArgumentException("Not a key/value command: " + command);
    }

    private static KvOutput output(Command command, Result result) {
        if (command instanceof Get) {
            if (result instanceof GetResult got) {
                return KvOutput.of(got.value());
            }
        } else if (command instanceof Put ? result instanceof PutOk : result instanceof AppendOk) {
            return KvOutput.ok();
        }
        throw new AssertionError("The clerk answered " + command + " with " + result
                + "; a Get returns a GetResult, a Put a PutOk and an Append an AppendOk.");
    }

    /**
     * The chain in {@code value} holds each client's appends of {@code history} exactly once, in order, and
     * in real-time order across clients (an Append that returned before another was called comes first).
     * For Appends followed by this read that is linearizability, checked without a search.
     */
    static void assertChain(String value, History<Command, Result> history) {
        Map<Integer, Integer> attempted = new HashMap<>();
        Map<Integer, Integer> acknowledged = new HashMap<>();
        List<Operation<Command, Result>> appends = history.operations().stream()
                .filter(op -> op.input() instanceof Append).toList();
        for (Operation<Command, Result> op : appends) {
            attempted.merge(op.client(), 1, Integer::sum);
            if (!op.isUnknown()) {
                acknowledged.merge(op.client(), 1, Integer::sum);
            }
        }
        AppendChains.Verdict verdict = AppendChains.check(value, acknowledged, attempted);
        assertTrue(verdict.ok(), "every Append must take effect exactly once, in each client's order, however"
                + " often its clerk retried and at whichever server: " + verdict);
        Map<String, Integer> position = new HashMap<>();
        for (Operation<Command, Result> op : appends) {
            String token = ((Append) op.input()).value();
            position.put(token, value.indexOf(token));
        }
        for (Operation<Command, Result> earlier : appends) {
            if (earlier.isUnknown()) {
                continue;
            }
            String first = ((Append) earlier.input()).value();
            for (Operation<Command, Result> later : appends) {
                String second = ((Append) later.input()).value();
                int at = position.get(second);
                if (earlier.returnTime() < later.callTime() && at >= 0 && position.get(first) > at) {
                    fail(first + " returned before " + second + " was sent, yet it comes after it in the value: the"
                            + " service applied the Appends in an order no single copy of the data could have produced");
                }
            }
        }
    }

}
