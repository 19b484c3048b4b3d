package faultline.testkit.lincheck;

import faultline.testkit.history.History;

import java.util.List;

/**
 * A key/value store with get, put and append, where every key starts as the empty string. Keys are independent,
 * so a history is split per key and each key's state is just its value.
 */
public final class KvModel implements Model<String, KvInput, KvOutput> {

    @Override
    public String init() {
        return "";
    }

    @Override
    public boolean permits(String value, KvInput input, KvOutput output) {
        return input.kind() != KvInput.Kind.GET || output.value().equals(value);
    }

    @Override
    public String apply(String value, KvInput input) {
        return switch (input.kind()) {
            case GET -> value;
            case PUT -> input.value();
            case APPEND -> value.concat(input.value());
        };
    }

    @Override
    public boolean isReadOnly(KvInput input, KvOutput output) {
        return input.kind() == KvInput.Kind.GET;
    }

    @Override
    public List<SubHistory<KvInput, KvOutput>> partition(History<KvInput, KvOutput> history) {
        return history.groupBy(op -> op.input().key()).entrySet().stream()
                .map(byKey -> new SubHistory<>("key " + Quoted.of(byKey.getKey()), byKey.getValue()))
                .toList();
    }

    @Override
    public String describe(KvInput input, KvOutput output) {
        return input.kind() == KvInput.Kind.GET ? "get returned " + Quoted.of(output.value()) : describeCall(input);
    }

    @Override
    public String describeCall(KvInput input) {
        return switch (input.kind()) {
            case GET -> "get";
            case PUT -> "put " + Quoted.of(input.value());
            case APPEND -> "append " + Quoted.of(input.value());
        };
    }

    @Override
    public String describeState(String value) {
        return Quoted.of(value);
    }
}
