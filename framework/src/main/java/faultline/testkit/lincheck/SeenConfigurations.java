package faultline.testkit.lincheck;

/**
 * The search configurations already explored: a set of (linearized operations, model state) pairs. Reaching one a
 * second time, by another order of the same operations, can lead nowhere new, so the search prunes it. This cache
 * is what makes the search practical (Lowe's improvement to Wing and Gong's algorithm).
 *
 * <p>An open-addressing hash table over flat arrays: bitsets live side by side in one {@code long[]}, so adding
 * a configuration allocates nothing except when the arrays grow.
 */
final class SeenConfigurations<S> {

    private final Model<S, ?, ?> model;
    private final int words;
    private final long capacityLimit;
    private long[] bits;
    private Object[] states;
    private long[] hashes;
    /** Slot to configuration index + 1; 0 marks an empty slot. */
    private int[] slots;
    private int size;

    SeenConfigurations(Model<S, ?, ?> model, int operations, long memoryWords) {
        this.model = model;
        this.words = Math.max(1, (operations + 63) >>> 6);
        this.capacityLimit = Math.min(1L << 24, memoryWords / words);
        int initial = 1 << 10;
        bits = new long[initial * words];
        states = new Object[initial];
        hashes = new long[initial];
        slots = new int[initial * 2];
    }

    int size() {
        return size;
    }

    /** Whether the table has reached the memory it may use; the search then gives up rather than exhaust the heap. */
    boolean isFull() {
        return size >= capacityLimit;
    }

    /** Adds the configuration unless it was seen before; returns whether it was new. */
    boolean addIfAbsent(LinearizedSet linearized, S state) {
        long hash = linearized.hash() ^ LinearizedSet.mix(model.stateHash(state));
        int mask = slots.length - 1;
        int slot = (int) LinearizedSet.mix(hash) & mask;
        while (slots[slot] != 0) {
            int seen = slots[slot] - 1;
            if (hashes[seen] == hash && sameBits(seen, linearized) && model.sameState(state(seen), state)) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        if (size == states.length) {
            grow();
            return addIfAbsent(linearized, state);
        }
        int index = size++;
        for (int w = 0; w < words; w++) {
            bits[index * words + w] = w < linearized.wordCount() ? linearized.word(w) : 0L;
        }
        states[index] = state;
        hashes[index] = hash;
        slots[slot] = index + 1;
        return true;
    }

    private boolean sameBits(int seen, LinearizedSet linearized) {
        int base = seen * words;
        for (int w = 0; w < linearized.wordCount(); w++) {
            if (bits[base + w] != linearized.word(w)) {
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
        int capacity = states.length * 2;
        bits = java.util.Arrays.copyOf(bits, capacity * words);
        states = java.util.Arrays.copyOf(states, capacity);
        hashes = java.util.Arrays.copyOf(hashes, capacity);
        slots = new int[capacity * 2];
        int mask = slots.length - 1;
        for (int index = 0; index < size; index++) {
            int slot = (int) LinearizedSet.mix(hashes[index]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = index + 1;
        }
    }
}
