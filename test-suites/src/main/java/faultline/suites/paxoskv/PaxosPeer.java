package faultline.suites.paxoskv;

import faultline.framework.Address;
import faultline.framework.Client;
import faultline.framework.Command;
import faultline.framework.Node;
import faultline.framework.Result;
import faultline.labs.paxos.Paxos;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A test's host for one Paxos peer: it carries the test's commands to its component ({@link Start},
 * {@link Done}) on its own event thread, as a real host would from a handler, and records every
 * decision the component reports, and how often it reported it.
 */
public final class PaxosPeer extends Node implements Client {

    /** Asks the peer to start agreement on {@code instance} with {@code value}. */
    public record Start(int instance, Serializable value) implements Command {
        @Override
        public String toString() {
            return "Start(" + instance + ", " + PaxosWorld.shortly(value) + ")";
        }
    }

    /** Tells the peer its host is done with every instance up to {@code instance}. */
    public record Done(int instance) implements Command {
    }

    /** The peer did what it was asked. */
    public record Ok() implements Result {
    }

    private final Paxos paxos;
    private final TreeMap<Integer, Serializable> learned = new TreeMap<>();
    private final TreeMap<Integer, Integer> reports = new TreeMap<>();
    private Result result;

    public PaxosPeer(Address address, List<Address> peers) {
        super(address);
        paxos = addComponent(new Paxos(address.sub("paxos"), peers, this::onDecided));
    }

    @Override
    protected void init() {
    }

    private void onDecided(int instance, Serializable value) {
        learned.putIfAbsent(instance, value);
        reports.merge(instance, 1, Integer::sum);
    }

    @Override
    public void sendCommand(Command command) {
        if (command instanceof Start start) {
            paxos.start(start.instance(), start.value());
        } else if (command instanceof Done done) {
            paxos.done(done.instance());
        } else {
            throw new IllegalArgumentException("a Paxos test peer takes Start and Done, not " + command);
        }
        result = new Ok();
    }

    @Override
    public boolean hasResult() {
        return result != null;
    }

    @Override
    public Result takeResult() {
        Result taken = result;
        result = null;
        return taken;
    }

    public Paxos paxos() {
        return paxos;
    }

    /** The decisions reported to this host, by instance (the first report of each). */
    public SortedMap<Integer, Serializable> learned() {
        return Collections.unmodifiableSortedMap(learned);
    }

    /** How many times each instance's decision was reported. */
    public SortedMap<Integer, Integer> reports() {
        return Collections.unmodifiableSortedMap(reports);
    }
}
