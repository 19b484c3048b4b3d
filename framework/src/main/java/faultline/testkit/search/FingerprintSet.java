package faultline.testkit.search;

/**
 * The fingerprints of the states a search has visited: an open-addressing table of primitive longs, so a
 * visited state costs 8 bytes at full load and at most 16 bytes while the table is under half full (it
 * doubles when half full). Zero marks an empty slot, so a fingerprint of zero is stored as one.
 *
 * <p>A depth-first search also keeps, per fingerprint, the shallowest depth it reached the state at
 * ({@link #addAtDepth}), one byte more per slot: a state first reached deep and later by a shorter path is
 * explored again from there, so a depth-bounded depth-first search visits every state a breadth-first one does.
 */
final class FingerprintSet {

    /** What {@link #addAtDepth} found. */
    enum Visit {
        /** Never seen before. */
        NEW,
        /** Seen before, but only deeper than now: to be explored again from here. */
        SHALLOWER,
        /** Seen before at this depth or a shallower one. */
        SEEN
    }

    /** The deepest depth {@link #addAtDepth} records. */
    static final int MAX_DEPTH = Byte.MAX_VALUE;

    private long[] slots = new long[1 << 12];
    /** Per slot, the shallowest depth its fingerprint was reached at; only once {@link #addAtDepth} is used. */
    private byte[] depths;
    private int size;

    /** Adds {@code fingerprint}; false when it was already there. */
    boolean add(long fingerprint) {
        long f = fingerprint == 0 ? 1 : fingerprint;
        int mask = slots.length - 1;
        int i = (int) (f ^ (f >>> 32)) & mask;
        while (true) {
            long at = slots[i];
            if (at == 0) {
                slots[i] = f;
                if (++size * 2 > slots.length) {
                    grow();
                }
                return true;
            }
            if (at == f) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /** Adds {@code fingerprint} reached at {@code depth} (0 to {@link #MAX_DEPTH}), keeping the shallowest depth. */
    Visit addAtDepth(long fingerprint, int depth) {
        if (depth < 0 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("A depth-first search records depths 0 to " + MAX_DEPTH + ", not " + depth);
        }
        if (depths == null) {
            if (size > 0) {
                throw new IllegalStateException("A fingerprint set records depths from its first fingerprint or never");
            }
            depths = new byte[slots.length];
        }
        long f = fingerprint == 0 ? 1 : fingerprint;
        int mask = slots.length - 1;
        int i = (int) (f ^ (f >>> 32)) & mask;
        while (true) {
            long at = slots[i];
            if (at == 0) {
                slots[i] = f;
                depths[i] = (byte) depth;
                if (++size * 2 > slots.length) {
                    grow();
                }
                return Visit.NEW;
            }
            if (at == f) {
                if (depth < depths[i]) {
                    depths[i] = (byte) depth;
                    return Visit.SHALLOWER;
                }
                return Visit.SEEN;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    /** Bytes the table holds now. */
    long bytes() {
        return 8L * slots.length + (depths == null ? 0 : depths.length);
    }

    private void grow() {
        long[] old = slots;
        byte[] oldDepths = depths;
        slots = new long[old.length * 2];
        depths = oldDepths == null ? null : new byte[slots.length];
        int mask = slots.length - 1;
        for (int j = 0; j < old.length; j++) {
            long f = old[j];
            if (f != 0) {
                int i = (int) (f ^ (f >>> 32)) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = f;
                if (depths != null) {
                    depths[i] = oldDepths[j];
                }
            }
        }
    }
}
