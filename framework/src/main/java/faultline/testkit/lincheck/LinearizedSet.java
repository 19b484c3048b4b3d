package faultline.testkit.lincheck;

/**
 * The set of operations linearized so far, as a bitset with a hash kept up to date on every change, so that
 * looking up a search configuration costs no rehashing and no allocation.
 */
final class LinearizedSet {

    private final long[] words;
    /** One random 64-bit key per operation; the set's hash is the XOR of its members' keys (Zobrist hashing). */
    private final long[] keys;
    private long hash;

    LinearizedSet(int operations) {
        words = new long[Math.max(1, (operations + 63) >>> 6)];
        keys = new long[operations];
        long seed = 0x5DEECE66DL;
        for (int i = 0; i < operations; i++) {
            seed += 0x9E3779B97F4A7C15L;
            keys[i] = mix(seed);
        }
    }

    void add(int operation) {
        words[operation >>> 6] |= 1L << operation;
        hash ^= keys[operation];
    }

    void remove(int operation) {
        words[operation >>> 6] &= ~(1L << operation);
        hash ^= keys[operation];
    }

    boolean contains(int operation) {
        return (words[operation >>> 6] & (1L << operation)) != 0;
    }

    long hash() {
        return hash;
    }

    int wordCount() {
        return words.length;
    }

    long word(int i) {
        return words[i];
    }

    /** SplitMix64's finaliser: spreads nearby inputs over all 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
