package faultline.labs.mapreduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Message;
import faultline.framework.Node;
import faultline.framework.cluster.NodeFailure;
import faultline.framework.fault.Scenario;
import faultline.framework.sim.Simulation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StorageTest {

    private static final Address STORAGE = Address.of("storage");
    private static final Address PROBE = Address.of("probe");

    /** Sends a script of storage requests, one at a time, 20 ms apart, and keeps every answer. */
    static final class Probe extends Node {
        final List<Message> script;
        final List<Message> answers = Collections.synchronizedList(new ArrayList<>());

        Probe(Address address, List<Message> script) {
            super(address);
            this.script = script;
            onMessage(Message.class, (answer, from) -> answers.add(answer));
            onTimer(StorageRetryTimer.class, timer -> {
                send(script.get((int) timer.request()), STORAGE);
                if (timer.request() + 1 < script.size()) {
                    set(new StorageRetryTimer(timer.request() + 1), 20);
                }
            });
        }

        @Override
        protected void init() {
            set(new StorageRetryTimer(0), 0);
        }
    }

    private static Storage run(Simulation sim, Map<String, List<String>> files, List<Message> script) {
        sim.add(STORAGE, a -> new Storage(a, files));
        sim.add(PROBE, a -> new Probe(a, script));
        sim.runFor(20L * script.size() + 100);
        return (Storage) sim.node(STORAGE).orElseThrow();
    }

    @Test
    void anAppendResentWithTheSameIdIsAppliedOnce() {
        Simulation sim = Simulation.seeded(1);
        sim.apply(Scenario.named("duplicates").at(0).duplicate(1.0).build());
        Storage storage = run(sim, Map.of(), List.of(
                new Storage.Append("f", List.of("a", "b"), 11),
                new Storage.Append("f", List.of("a", "b"), 11),
                new Storage.Append("f", List.of("c"), 12)));
        assertEquals(Optional.of(List.of("a", "b", "c")), storage.file("f"));
        assertEquals(2, storage.appends(PROBE));
        assertEquals(2, storage.appendsSinceCommit(PROBE));
    }

    @Test
    void aCommitRenamesAllOrNothing() {
        Simulation sim = Simulation.seeded(2);
        Storage storage = run(sim, Map.of("old", List.of("x")), List.of(
                new Storage.Append("t1", List.of("1"), 1),
                new Storage.Commit(List.of(new Storage.Rename("t1", "out1"), new Storage.Rename("missing", "out2")), 2),
                new Storage.Commit(List.of(new Storage.Rename("t1", "out1"), new Storage.Rename("old", "out2")), 3),
                new Storage.Commit(List.of(new Storage.Rename("t1", "out1"), new Storage.Rename("old", "out2")), 3)));
        assertEquals(Optional.of(List.of("1")), storage.file("out1"));
        assertEquals(Optional.of(List.of("x")), storage.file("out2"));
        assertEquals(List.of("out1", "out2"), List.copyOf(storage.names()));
        assertEquals(1, storage.commits(PROBE));
        assertEquals(0, storage.appendsSinceCommit(PROBE));
        Probe probe = (Probe) sim.node(PROBE).orElseThrow();
        assertTrue(probe.answers.contains(new Storage.Committed(2, false)), "a commit naming a missing file fails whole");
        assertEquals(2, probe.answers.stream().filter(new Storage.Committed(3, true)::equals).count(),
                "a repeated commit is answered again, not applied again");
    }

    @Test
    void aReadAnswersWithTheWholeFileOrSaysItIsMissing() {
        Simulation sim = Simulation.seeded(3);
        run(sim, Map.of("in", List.of("l1", "l2")), List.of(new Storage.Read("in", 5), new Storage.Read("nope", 6)));
        Probe probe = (Probe) sim.node(PROBE).orElseThrow();
        assertEquals(List.of(new Storage.FileContents("in", 5, true, List.of("l1", "l2")),
                new Storage.FileContents("nope", 6, false, List.of())), probe.answers);
    }

    @Test
    void anOversizedAppendIsRefusedWithAnExplanation() {
        List<String> tooMany = Collections.nCopies(Storage.MAX_LINES_PER_APPEND + 1, "w\t1");
        NodeFailure failure = assertThrows(NodeFailure.class,
                () -> run(Simulation.seeded(4), Map.of(), List.of(new Storage.Append("f", tooMany, 1))));
        assertTrue(failure.getCause().getMessage().contains("at most " + Storage.MAX_LINES_PER_APPEND), failure.getMessage());
    }
}
