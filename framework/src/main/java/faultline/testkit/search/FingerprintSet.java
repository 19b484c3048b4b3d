package faultline.testkit.search;

/**
 * The fingerprints of the states a search has visited: an open-addressing table of primitive longs, so a
 * visited state costs 8 bytes at full load and at most 16 bytes while the table is under half full (it
 * doubles when half full). Zero marks an empty slot, so a fingerprint of zero is stored as one.
 */
final class FingerprintSet {

    private long[] slots = new long[1 << 12];
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

    int size() {
        return size;
    }

    /** Bytes the table holds now. */
    long bytes() {
        return 8L * slots.length;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long f : old) {
            if (f != 0) {
                int i = (int) (f ^ (f >>> 32)) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = f;
            }
        }
    }
}
