package faultline.suites.paxoskv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import faultline.framework.Address;
import faultline.framework.fault.Scenario;
import faultline.framework.sim.Simulation;
import faultline.labs.paxos.Fate;
import faultline.labs.paxos.Paxos;
import faultline.labs.paxos.Status;
import faultline.testkit.check.Agreement;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * A simulated set of Paxos peers for one test, each hosted by a {@link PaxosPeer}: the test starts
 * instances and marks them done through the hosts, and reads every peer's status and reported
 * decisions to check agreement.
 */
final class PaxosWorld {

    final Simulation sim;
    final List<Address> hosts;

    PaxosWorld(Simulation sim, int peers) {
        this.sim = sim;
        this.hosts = IntStream.range(0, peers).mapToObj(PaxosWorld::host).toList();
        List<Address> components = hosts.stream().map(host -> host.sub("paxos")).toList();
        for (Address host : hosts) {
            sim.add(host, a -> new PaxosPeer(a, components));
        }
        sim.runFor(0);
    }

    static Address host(int n) {
        return Address.of("p" + n);
    }

    /** Peer {@code peer} starts {@code instance} with {@code value}, now. */
    void start(int peer, int instance, Serializable value) {
        sim.invoke(hosts.get(peer), new PaxosPeer.Start(instance, value), (c, cmd, r, a, b) -> { });
        sim.runFor(0);
    }

    /** Every peer starts {@code instance}, each with {@code value} followed by its number. */
    void startEverywhere(int instance, String value) {
        for (int peer = 0; peer < hosts.size(); peer++) {
            start(peer, instance, value + "@" + peer);
        }
    }

    void done(int peer, int instance) {
        sim.invoke(hosts.get(peer), new PaxosPeer.Done(instance), (c, cmd, r, a, b) -> { });
        sim.runFor(0);
    }

    PaxosPeer peer(int peer) {
        return sim.node(hosts.get(peer)).map(PaxosPeer.class::cast)
                .orElseThrow(() -> new AssertionError(hosts.get(peer) + " is down, so its Paxos cannot be read"));
    }

    Paxos paxos(int peer) {
        return peer(peer).paxos();
    }

    Status status(int peer, int instance) {
        Status status = paxos(peer).status(instance);
        if (status == null) {
            fail("Paxos.status(" + instance + ") at " + hosts.get(peer) + " returned null; it returns a Status");
        }
        return status;
    }

    /** The peers that know {@code instance} is decided. */
    Set<Integer> deciders(int instance) {
        Set<Integer> deciders = new TreeSet<>();
        for (int peer = 0; peer < hosts.size(); peer++) {
            if (sim.node(hosts.get(peer)).isPresent() && status(peer, instance).fate() == Fate.DECIDED) {
                deciders.add(peer);
            }
        }
        return deciders;
    }

    /** Runs until at least {@code count} peers know {@code instance} decided, failing with {@code why} otherwise. */
    void awaitDeciders(int instance, int count, long maxMillis, String why) {
        boolean reached = sim.runUntil(() -> deciders(instance).size() >= count, maxMillis);
        assertTrue(reached, "instance " + instance + " should be decided at " + count + " peers within " + maxMillis
                + " ms " + why + ", but only " + names(deciders(instance)) + " know it is decided");
        assertAgreement(instance);
    }

    /** The peers that know {@code instance} decided agree on it, and reported it to their hosts once. */
    void assertAgreement(int instance) {
        Serializable first = null;
        int firstPeer = -1;
        for (int peer = 0; peer < hosts.size(); peer++) {
            Optional<PaxosPeer> host = sim.node(hosts.get(peer)).map(PaxosPeer.class::cast);
            if (host.isEmpty()) {
                continue;
            }
            Integer reports = host.get().reports().get(instance);
            if (reports != null && reports != 1) {
                fail(hosts.get(peer) + " reported instance " + instance + "'s decision to its host " + reports
                        + " times; Decisions.decided is called exactly once per instance, however often the"
                        + " decision arrives");
            }
            Status status = host.get().paxos().status(instance);
            if (status.fate() == Fate.DECIDED) {
                Serializable value = status.value().orElseThrow();
                if (first == null) {
                    first = value;
                    firstPeer = peer;
                } else if (!first.equals(value)) {
                    fail("peers decided differently, so Paxos is not safe: instance " + instance + ": "
                            + hosts.get(firstPeer) + " decided " + shortly(first) + " but " + hosts.get(peer)
                            + " decided " + shortly(value));
                }
            }
        }
    }

    /** The value peer {@code peer} reports decided for {@code instance}. */
    Serializable decidedValue(int peer, int instance) {
        Status status = status(peer, instance);
        assertEquals(Fate.DECIDED, status.fate(), hosts.get(peer) + " should know instance " + instance + " decided");
        return status.value().orElseThrow();
    }

    /**
     * No two peers decided differently, status and decision reports agree, and each peer reported each
     * decision to its host exactly once.
     */
    void assertAgreement() {
        Map<String, Map<Integer, Serializable>> decisions = new TreeMap<>();
        for (int peer = 0; peer < hosts.size(); peer++) {
            Optional<PaxosPeer> host = sim.node(hosts.get(peer)).map(PaxosPeer.class::cast);
            if (host.isEmpty()) {
                continue;
            }
            Map<Integer, Serializable> mine = new TreeMap<>(host.get().learned());
            for (Map.Entry<Integer, Integer> reported : host.get().reports().entrySet()) {
                if (reported.getValue() != 1) {
                    fail(hosts.get(peer) + " reported instance " + reported.getKey() + "'s decision to its host "
                            + reported.getValue() + " times; Decisions.decided is called exactly once per instance,"
                            + " however often the decision arrives");
                }
            }
            Paxos paxos = host.get().paxos();
            for (int instance = Math.max(0, paxos.min()); instance <= paxos.max(); instance++) {
                Status status = paxos.status(instance);
                if (status.fate() == Fate.DECIDED) {
                    Serializable value = status.value().orElseThrow();
                    Serializable reported = mine.putIfAbsent(instance, value);
                    if (reported != null && !reported.equals(value)) {
                        fail(hosts.get(peer) + " reported " + shortly(reported) + " for instance " + instance
                                + " but its status says " + shortly(value));
                    }
                }
            }
            decisions.put(hosts.get(peer).name(), mine);
        }
        List<String> problems = Agreement.violations(decisions);
        assertTrue(problems.isEmpty(), "peers decided differently, so Paxos is not safe: "
                + String.join("; ", problems.stream().map(PaxosWorld::shortly).toList()));
    }

    /** Applies {@code scenario} from now. */
    void apply(Scenario scenario) {
        sim.apply(scenario);
        sim.runFor(0);
    }

    List<Address> hosts(int... peers) {
        return IntStream.of(peers).mapToObj(hosts::get).toList();
    }

    Set<Address> group(int... peers) {
        return new TreeSet<>(hosts(peers));
    }

    private String names(Set<Integer> peers) {
        return peers.isEmpty() ? "none" : peers.stream().map(p -> hosts.get(p).name()).toList().toString();
    }

    /** A value as a failure message shows it: a string in quotes (p0 decided "first"), long ones cut short. */
    static String shortly(Object value) {
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return text.length() <= 60 ? text : text.substring(0, 40) + "...(" + text.length() + " chars)";
    }
}
