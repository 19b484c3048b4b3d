package faultline.testkit.lincheck;

import faultline.testkit.history.HistoryRecorder;
import faultline.testkit.history.Operation;
import faultline.testkit.history.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryRecorderTest {

    @Test
    void operationsStillOpenAreMarkedUnknown() {
        HistoryRecorder<KvInput, KvOutput> recorder = new HistoryRecorder<>();
        var put = recorder.invoke(0, KvInput.put("k", "a"), 1);
        recorder.invoke(1, KvInput.append("k", "b"), 2);
        recorder.complete(put, KvOutput.ok(), 3);

        List<Operation<KvInput, KvOutput>> operations = recorder.history().operations();
        assertEquals(Operation.returned(0, KvInput.put("k", "a"), KvOutput.ok(), 1, 3), operations.get(0));
        assertEquals(Operation.unknown(1, KvInput.append("k", "b"), 2), operations.get(1));
        assertEquals(Operation.NEVER, operations.get(1).returnTime());
        assertTrue(operations.get(1).outcome() instanceof Outcome.Unknown);
    }

    @Test
    void completingTwiceOrBeforeTheCallIsRefused() {
        HistoryRecorder<KvInput, KvOutput> recorder = new HistoryRecorder<>();
        var get = recorder.invoke(0, KvInput.get("k"), 5);
        assertThrows(IllegalArgumentException.class, () -> recorder.complete(get, KvOutput.of(""), 4));
        recorder.complete(get, KvOutput.of(""), 6);
        assertThrows(IllegalStateException.class, () -> recorder.complete(get, KvOutput.of(""), 7));
    }

    @Test
    void clientsOnSeveralThreadsAllGetRecorded() throws InterruptedException {
        HistoryRecorder<KvInput, KvOutput> recorder = new HistoryRecorder<>();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            int id = client;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    var call = recorder.invoke(id, KvInput.append("k" + id, "x"), 2L * i);
                    recorder.complete(call, KvOutput.ok(), 2L * i + 1);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        var history = recorder.history();
        assertEquals(4_000, history.size());
        assertTrue(history.operations().stream().noneMatch(Operation::isUnknown));
    }
}
