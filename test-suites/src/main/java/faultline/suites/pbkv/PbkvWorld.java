package faultline.suites.pbkv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.fault.Scenario;
import faultline.framework.sim.Simulation;
import faultline.labs.pbkv.Clerk;
import faultline.labs.pbkv.GetResult;
import faultline.labs.pbkv.Get;
import faultline.labs.pbkv.PBServer;
import faultline.labs.pbkv.View;
import faultline.labs.pbkv.ViewService;
import faultline.testkit.history.History;
import faultline.testkit.history.HistoryRecorder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * A simulated primary/backup deployment for one test: the view service, the servers and clerks the
 * test adds, and one-off client calls recorded in a history for the linearizability check.
 */
final class PbkvWorld {

    static final Address VIEW_SERVICE = Address.of("viewservice");

    /** Time for the view service to notice a dead server and move on, with room for a few lost pings. */
    static final long FAILOVER_MILLIS = 2 * ViewService.DEAD_PINGS * ViewService.PING_INTERVAL_MILLIS
            + 4 * ViewService.PING_INTERVAL_MILLIS;

    final Simulation sim;
    private final HistoryRecorder<Command, Result> calls = new HistoryRecorder<>();
    private final Map<Address, Integer> clientNumbers = new TreeMap<>();

    PbkvWorld(Simulation sim) {
        this.sim = sim;
        sim.add(VIEW_SERVICE, ViewService::new);
    }

    static Address server(int n) {
        return Address.of("s" + n);
    }

    static Address clerk(int n) {
        return Address.of("c" + n);
    }

    static List<Address> clerks(int count) {
        return IntStream.range(0, count).mapToObj(PbkvWorld::clerk).toList();
    }

    void addServer(Address server) {
        sim.add(server, a -> new PBServer(a, VIEW_SERVICE));
    }

    void addClerks(List<Address> clerks) {
        for (Address clerk : clerks) {
            sim.add(clerk, a -> new Clerk(a, VIEW_SERVICE));
        }
    }

    /** The view service's current view. */
    View view() {
        return sim.node(VIEW_SERVICE).map(ViewService.class::cast).orElseThrow().view();
    }

    PBServer server(Address server) {
        return sim.node(server).map(PBServer.class::cast)
                .orElseThrow(() -> new AssertionError(server + " is down, so its state cannot be read"));
    }

    /** Runs until the view service's view satisfies {@code wanted}, failing with {@code what} otherwise. */
    void awaitView(Predicate<View> wanted, long maxMillis, String what) {
        assertTrue(sim.runUntil(() -> wanted.test(view()), maxMillis),
                what + " within " + maxMillis + " ms; the view service is at " + view());
    }

    /**
     * Runs until {@code primary} and {@code backup} (or NOBODY) hold the view and both servers know it,
     * then a little longer so the primary's acknowledgement reaches the view service.
     */
    void awaitRoles(Address primary, Address backup, long maxMillis) {
        assertTrue(sim.runUntil(() -> settledOn(primary, backup), maxMillis),
                "the view service should settle on primary " + primary + " and backup " + backup + " within "
                        + maxMillis + " ms, with both servers knowing that view; it is at " + view());
        sim.runFor(3 * ViewService.PING_INTERVAL_MILLIS);
    }

    private boolean settledOn(Address primary, Address backup) {
        View view = view();
        if (!view.isPrimary(primary) || !view.backup().equals(backup)) {
            return false;
        }
        boolean primaryKnows = sim.node(primary).map(n -> ((PBServer) n).view().equals(view)).orElse(false);
        boolean backupKnows = !view.hasBackup()
                || sim.node(backup).map(n -> ((PBServer) n).view().equals(view)).orElse(false);
        return primaryKnows && backupKnows;
    }

    void crash(Address node) {
        sim.apply(Scenario.named("crash " + node + " at " + sim.now() + " ms").at(0).crash(node).build());
        sim.runFor(0);
    }

    void restart(Address node) {
        sim.apply(Scenario.named("restart " + node + " at " + sim.now() + " ms").at(0).restart(node).build());
        sim.runFor(0);
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
        return call;
    }

    /** Carries {@code command} through {@code clerk}, failing if it does not finish within {@code maxMillis}. */
    Result call(Address clerk, Command command, long maxMillis) {
        Call call = start(clerk, command);
        assertTrue(sim.runUntil(call::done, maxMillis), clerk + "'s " + command + " did not finish within "
                + maxMillis + " ms; the view service is at " + view());
        return call.result();
    }

    /** Reads {@code key} through {@code clerk} and checks the value. */
    void assertValue(Address clerk, String key, String expected, String why) {
        Result got = call(clerk, new Get(key), FAILOVER_MILLIS + 2_000);
        assertEquals(new GetResult(expected), got, "Get(" + key + ") " + why);
    }

    /** The one-off calls made so far. */
    History<Command, Result> calls() {
        return calls.history();
    }

    /** The current primary's and backup's stores must be equal: the backup holds everything the primary does. */
    void assertBackupMatchesPrimary() {
        View view = view();
        assertTrue(view.hasPrimary() && view.hasBackup(), "expected a primary and a backup at the end, but the"
                + " view service is at " + view);
        Map<String, String> primary = server(view.primary()).store();
        Map<String, String> backup = server(view.backup()).store();
        assertEquals(primary, backup, "after the clients finished, backup " + view.backup()
                + " should hold exactly the primary's data (" + view + "): the primary must forward every"
                + " write to the backup, once, in the order it applies them");
    }
}
