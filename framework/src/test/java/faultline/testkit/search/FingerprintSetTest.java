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

    @Test
    void keepsTheShallowestDepthOfEachFingerprintThroughGrowth() {
        FingerprintSet set = new FingerprintSet();
        SplittableRandom random = new SplittableRandom(11);
        long[] added = new long[50_000];
        for (int i = 0; i < added.length; i++) {
            added[i] = random.nextLong();
            assertEquals(FingerprintSet.Visit.NEW, set.addAtDepth(added[i], 10 + i % 5));
        }
        for (int i = 0; i < added.length; i++) {
            assertEquals(FingerprintSet.Visit.SEEN, set.addAtDepth(added[i], 10 + i % 5), "the same depth again");
            assertEquals(FingerprintSet.Visit.SEEN, set.addAtDepth(added[i], 20), "deeper than before");
            assertEquals(FingerprintSet.Visit.SHALLOWER, set.addAtDepth(added[i], 9), "shallower than before");
            assertEquals(FingerprintSet.Visit.SEEN, set.addAtDepth(added[i], 9));
        }
        assertEquals(added.length, set.size());
        assertTrue(set.bytes() <= 9L * set.size() * 4, "fingerprints and depths within their load bounds");
    }
}
