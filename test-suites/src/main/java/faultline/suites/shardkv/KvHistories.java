package faultline.suites.shardkv;

import static org.junit.jupiter.api.Assertions.fail;

import faultline.framework.Command;
import faultline.framework.Result;
import faultline.labs.kv.Append;
import faultline.labs.kv.AppendOk;
import faultline.labs.kv.Get;
import faultline.labs.kv.GetResult;
import faultline.labs.kv.Put;
import faultline.labs.kv.PutOk;
import faultline.testkit.check.AppendChains;
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
import java.util.Map;
import java.util.TreeMap;

/** Judges the clerks' histories: linearizability across all shards (split per key) and append chains. */
final class KvHistories {

    /** Generous for the short histories these tests record; a run out of budget is reported, not failed. */
    static final Duration BUDGET = Duration.ofSeconds(5);

    private KvHistories() {
    }

    /**
     * Fails if the clerks' operations fit no sequential order of one key/value store (the checker splits
     * the history per key, so each shard's keys are judged wherever they were served); prints, without
     * failing, when the checker runs out of budget.
     */
    @SafeVarargs
    static void assertLinearizable(String test, History<Command, Result>... histories) {
        LinearizabilityResult result = LinearizabilityChecker.check(toKv(histories), new KvModel(), BUDGET);
        if (result.verdict() == Verdict.UNKNOWN) {
            System.out.println("[shardkv] " + test + ": linearizability UNKNOWN (not counted as a failure): "
                    + result.explanation());
        } else if (result.verdict() == Verdict.NOT_LINEARIZABLE) {
            fail("What the clients saw is not linearizable, so the groups together do not behave like one"
                    + " key/value store (a read of a shard served before its data arrived or after it was handed"
                    + " off, a write lost in a move or applied twice). " + result.explanation());
        }
    }

    /**
     * Checks that {@code value}, read after every Append of {@code history} to {@code key} finished, holds each
     * acknowledged token exactly once, in each client's order, and no token twice, whatever shard moves and
     * retries happened in between.
     */
    static void assertChain(String key, String value, History<Command, Result> history) {
        Map<Integer, Integer> attempted = new TreeMap<>();
        Map<Integer, Integer> acknowledged = new TreeMap<>();
        for (Operation<Command, Result> op : history.operations()) {
            if (op.input() instanceof Append append && append.key().equals(key)) {
                attempted.merge(op.client(), 1, Integer::sum);
                if (!op.isUnknown()) {
                    acknowledged.merge(op.client(), 1, Integer::sum);
                }
            }
        }
        AppendChains.Verdict verdict = AppendChains.check(value, acknowledged, attempted);
        if (!verdict.ok()) {
            fail("Key " + key + " (shard " + faultline.labs.shardkv.Config.shardOf(key) + ") should hold every"
                    + " acknowledged Append exactly once, in each client's order, across shard moves and retries: "
                    + verdict + ". A retry that reaches the shard's new group must be recognised there: the"
                    + " at-most-once table moves with the shard.");
        }
    }

    /** The histories of one run as one key/value history; the n-th history's clients are numbered from 1000 n. */
    @SafeVarargs
    static History<KvInput, KvOutput> toKv(History<Command, Result>... histories) {
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
        throw new AssertionError("The shard clerk answered " + command + " with " + result
                + "; a Get returns a GetResult, a Put a PutOk and an Append an AppendOk.");
    }
}
