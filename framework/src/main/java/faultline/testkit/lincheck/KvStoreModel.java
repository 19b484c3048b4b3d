package faultline.testkit.lincheck;

/**
 * The same key/value semantics as {@link KvModel}, but with the whole store as one state and no per-key split.
 * The search is then over every interleaving of every key at once, which is far slower; it is kept to compare
 * with the per-key split (and with the upstream Go checker's figures on the same workload).
 */
public final class KvStoreModel implements Model<KvStore, KvInput, KvOutput> {

    private final KvModel perKey = new KvModel();

    @Override
    public KvStore init() {
        return KvStore.EMPTY;
    }

    @Override
    public boolean permits(KvStore store, KvInput input, KvOutput output) {
        return perKey.permits(store.get(input.key()), input, output);
    }

    @Override
    public KvStore apply(KvStore store, KvInput input) {
        return input.kind() == KvInput.Kind.GET
                ? store
                : store.with(input.key(), perKey.apply(store.get(input.key()), input));
    }

    @Override
    public boolean isReadOnly(KvInput input, KvOutput output) {
        return perKey.isReadOnly(input, output);
    }

    @Override
    public String describe(KvInput input, KvOutput output) {
        return "key " + Quoted.of(input.key()) + ": " + perKey.describe(input, output);
    }

    @Override
    public String describeCall(KvInput input) {
        return "key " + Quoted.of(input.key()) + ": " + perKey.describeCall(input);
    }
}
