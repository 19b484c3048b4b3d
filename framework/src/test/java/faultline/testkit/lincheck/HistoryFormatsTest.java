package faultline.testkit.lincheck;

import faultline.testkit.history.Operation;
import faultline.testkit.lincheck.formats.JepsenRegisterLog;
import faultline.testkit.lincheck.formats.KvEdnLog;
import faultline.testkit.lincheck.formats.LogFormatException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryFormatsTest {

    @Test
    void jepsenLinesBecomeRegisterOperationsTimedByLine() {
        var history = JepsenRegisterLog.parse(List.of(
                "INFO  jepsen.util - 0\t:invoke\t:write\t3",
                "some other log line",
                "INFO  jepsen.util - 1   :invoke :cas    [3 4]",
                "INFO  jepsen.util - 0\t:ok\t:write\t3",
                "INFO  jepsen.util - 1\t:fail\t:cas\t[3 4]",
                "INFO  jepsen.util - 2\t:invoke\t:read\tnil",
                "INFO  jepsen.util - 2\t:fail\t:read\t:timed-out",
                "INFO  jepsen.util - 3\t:invoke\t:read\tnil",
                "INFO  jepsen.util - 3\t:ok\t:read\tnil",
                "INFO  jepsen.util - 4\t:invoke\t:write\t1",
                "INFO  jepsen.util - 4\t:info\t:write\t:timed-out",
                "INFO  jepsen.util - 5\t:invoke\t:cas\t[1 2]"), "test.log");

        assertEquals(List.of(
                Operation.returned(0, RegisterInput.write(3), RegisterOutput.ok(), 1, 4),
                Operation.returned(1, RegisterInput.cas(3, 4), RegisterOutput.failed(), 3, 5),
                Operation.unknown(2, RegisterInput.read(), 6),
                Operation.returned(3, RegisterInput.read(), RegisterOutput.readEmpty(), 8, 9),
                Operation.unknown(4, RegisterInput.write(1), 10),
                Operation.unknown(5, RegisterInput.cas(1, 2), 12)), history.operations());
    }

    @Test
    void ednLinesBecomeKeyValueOperations() {
        var history = KvEdnLog.parse(List.of(
                "{:process 0, :type :invoke, :f :append, :key \"4\", :value \"x 0 1 y\"}",
                "{:process 3, :type :invoke, :f :get, :key \"4\", :value nil}",
                "{:process 0, :type :ok, :f :append, :key \"4\", :value \"x 0 1 y\"}",
                "{:process 3, :type :ok, :f :get, :key \"4\", :value \"x 0 1 y\"}",
                "{:process 1, :type :invoke, :f :put, :key \"5\", :value \"a\"}",
                "{:process 2, :type :invoke, :f :get, :key \"5\", :value nil}",
                "{:process 2, :type :ok, :f :get, :key \"5\", :value nil}"), "test.txt");

        assertEquals(List.of(
                Operation.returned(0, KvInput.append("4", "x 0 1 y"), KvOutput.ok(), 1, 3),
                Operation.returned(3, KvInput.get("4"), KvOutput.of("x 0 1 y"), 2, 4),
                Operation.unknown(1, KvInput.put("5", "a"), 5),
                Operation.returned(2, KvInput.get("5"), KvOutput.of(""), 6, 7)), history.operations());
    }

    @Test
    void aMalformedLineNamesTheFileAndLine() {
        var error = assertThrows(LogFormatException.class, () -> KvEdnLog.parse(List.of(
                "{:process 0, :type :invoke, :f :get, :key \"4\", :value nil}",
                "{:process 0, :type :ok, :f :get}"), "c01.txt"));
        assertTrue(error.getMessage().startsWith("c01.txt:2: expected {:process P"), error.getMessage());

        var twoInFlight = assertThrows(LogFormatException.class, () -> JepsenRegisterLog.parse(List.of(
                "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
                "INFO  jepsen.util - 0\t:invoke\t:read\tnil"), "etcd.log"));
        assertEquals("etcd.log:2: process 0 starts an operation while its operation from line 1 is still open;"
                + " a process may have only one operation in flight.", twoInFlight.getMessage());
    }
}
