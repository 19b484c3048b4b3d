package faultline.testkit.lincheck;

import faultline.testkit.history.History;
import faultline.testkit.history.Operation;

import java.util.ArrayList;
import java.util.List;

/** Small key/value operations for hand-made histories: client, what it did, what it got, when. */
final class KvHistories {

    private KvHistories() {
    }

    static Operation<KvInput, KvOutput> put(int client, String key, String value, long call, long ret) {
        return Operation.returned(client, KvInput.put(key, value), KvOutput.ok(), call, ret);
    }

    static Operation<KvInput, KvOutput> append(int client, String key, String value, long call, long ret) {
        return Operation.returned(client, KvInput.append(key, value), KvOutput.ok(), call, ret);
    }

    static Operation<KvInput, KvOutput> appendNoReply(int client, String key, String value, long call) {
        return Operation.unknown(client, KvInput.append(key, value), call);
    }

    static Operation<KvInput, KvOutput> get(int client, String key, String got, long call, long ret) {
        return Operation.returned(client, KvInput.get(key), KvOutput.of(got), call, ret);
    }

    @SafeVarargs
    static History<KvInput, KvOutput> history(Operation<KvInput, KvOutput>... operations) {
        List<Operation<KvInput, KvOutput>> list = new ArrayList<>();
        for (Operation<KvInput, KvOutput> operation : operations) {
            list.add(operation);
        }
        return History.of(list);
    }
}
