package faultline.suites.pbkv;

import static org.junit.jupiter.api.Assertions.fail;

import faultline.framework.Command;
import faultline.framework.Result;
import faultline.labs.pbkv.Append;
import faultline.labs.pbkv.AppendOk;
import faultline.labs.pbkv.Get;
import faultline.labs.pbkv.GetResult;
import faultline.labs.pbkv.Put;
import faultline.labs.pbkv.PutOk;
import faultline.testkit.history.History;
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
import java.util.List;

/** Turns the lab's client histories into the checker's key/value histories, and judges them. */
final class KvHistories {

    /** Generous for the short histories these tests record; a run out of budget is reported, not failed. */
    static final Duration BUDGET = Duration.ofSeconds(5);

    /** Client numbers of the n-th history merged are offset by this much, so clients stay distinct. */
    private static final int CLIENTS_PER_HISTORY = 1_000;

    private KvHistories() {
    }

    /**
     * Fails if the clients' operations, all histories of one run together, fit no sequential order of a
     * key/value store; prints, without failing, when the checker runs out of budget.
     */
    @SafeVarargs
    static void assertLinearizable(String test, History<Command, Result>... histories) {
        History<KvInput, KvOutput> kv = toKv(List.of(histories));
        LinearizabilityResult result = LinearizabilityChecker.check(kv, new KvModel(), BUDGET);
        if (result.verdict() == Verdict.UNKNOWN) {
            System.out.println("[pbkv] " + test + ": linearizability UNKNOWN (not counted as a failure): "
                    + result.explanation());
        } else if (result.verdict() == Verdict.NOT_LINEARIZABLE) {
            fail("What the clients saw is not linearizable, so the service is not behaving like one key/value"
                    + " store (a stale read, a lost or doubled write). " + result.explanation());
        }
    }

    static History<KvInput, KvOutput> toKv(List<History<Command, Result>> histories) {
        List<Operation<KvInput, KvOutput>> operations = new ArrayList<>();
        for (int h = 0; h < histories.size(); h++) {
            for (Operation<Command, Result> op : histories.get(h).operations()) {
                int client = h * CLIENTS_PER_HISTORY + op.client();
                KvInput input = input(op.input());
                if (op.outcome() instanceof Outcome.Returned<Result> returned) {
                    operations.add(Operation.returned(client, input, output(op.input(), returned.value()),
                            op.callTime(), op.returnTime()));
                } else {
                    operations.add(Operation.unknown(client, input, op.callTime()));
                }
            }
        }
        return History.of(operations);
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
}
