package faultline.testkit.lincheck;

import java.util.Arrays;

/**
 * The search configurations already explored: a set of (linearized operations, model state) pairs. Reaching one a
 * second time, by another order of the same operations, can lead nowhere new, so the search prunes it. This cache
 * is what makes the search practical (Lowe's improvement to Wing and Gong's algorithm).
 *
 * <p>An open-addressing hash table in one flat {@code long[]}: each slot holds the configuration's hash, the index
 * of its state, and its bitset, side by side, so a lookup mostly touches one stretch of memory and adding a
 * configuration allocates nothing except when the table grows.
 */
final class SeenConfigurations<S> {

    /** Slot layout: hash, state index + 1 (0 marks an empty slot), then the bitset words. */
    private static final int HASH = 0;
    private static final int STATE = 1;
    private static final int BITS = 2;

    private final Model<S, ?, ?> model;
    private final int words;
    private final int stride;
    private final long limit;
    private long[] table;
    private Object[] states;
    private int mask;
    private int size;

    /** {@code memoryWords} bounds the table's size in longs; past it {@link #isFull()} says so. */
    SeenConfigurations(Model<S, ?, ?> model, int operations, long memoryWords) {
        this.model = model;
        this.words = Math.max(1, (operations + 63) >>> 6);
        this.stride = BITS + words;
        // Slots are kept at most half full, so each configuration costs two slots.
        this.limit = Math.min(1L << 24, memoryWords / (2L * stride));
        int slots = 1 << 10;
        table = new long[slots * stride];
        states = new Object[slots / 2];
        mask = slots - 1;
    }

    int size() {
        return size;
    }

    /** Whether the table has reached the memory it may use; the search then gives up rather than exhaust the heap. */
    boolean isFull() {
        return size >= limit;
    }

    /** Adds the configuration unless it was seen before; returns whether it was new. */
    boolean addIfAbsent(LinearizedSet linearized, S state) {
        long hash = linearized.hash() ^ LinearizedSet.mix(model.stateHash(state));
        int slot = (int) LinearizedSet.mix(hash) & mask;
        while (true) {
            int base = slot * stride;
            long stateIndex = table[base + STATE];
            if (stateIndex == 0) {
                break;
            }
            if (table[base + HASH] == hash && sameBits(base, linearized)
                    && model.sameState(state((int) stateIndex - 1), state)) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        if (size == states.length) {
            grow();
            return addIfAbsent(linearized, state);
        }
        int base = slot * stride;
        states[size] = state;
        size++;
        table[base + HASH] = hash;
        table[base + STATE] = size;
        for (int w = 0; w < words; w++) {
            table[base + BITS + w] = linearized.word(w);
        }
        return true;
    }

    private boolean sameBits(int base, LinearizedSet linearized) {
        for (int w = 0; w < words; w++) {
            if (table[base + BITS + w] != linearized.word(w)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private S state(int index) {
        return (S) states[index];
    }

    private void grow() {
        long[] old = table;
        int slots = (mask + 1) * 2;
        table = new long[slots * stride];
        states = Arrays.copyOf(states, slots / 2);
        mask = slots - 1;
        for (int base = 0; base < old.length; base += stride) {
            if (old[base + STATE] != 0) {
                int slot = (int) LinearizedSet.mix(old[base + HASH]) & mask;
                while (table[slot * stride + STATE] != 0) {
                    slot = (slot + 1) & mask;
                }
                System.arraycopy(old, base, table, slot * stride, stride);
            }
        }
    }
}
