package faultline.testkit.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FingerprintSetTest {

    @Test
    void keepsEachFingerprintOnceInAtMostSixteenBytes() {
        FingerprintSet set = new FingerprintSet();
        SplittableRandom random = new SplittableRandom(7);
        long[] added = new long[100_000];
        for (int i = 0; i < added.length; i++) {
            added[i] = random.nextLong();
            assertTrue(set.add(added[i]));
        }
        for (long f : added) {
            assertFalse(set.add(f), "a fingerprint seen before is not new");
        }
        assertTrue(set.add(0));
        assertFalse(set.add(0), "zero is kept too");
        assertEquals(added.length + 1, set.size());
        assertTrue(set.bytes() <= 16L * set.size() * 2, "the table should stay within its load bounds");
    }
}
