package faultline.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedsTest {

    static List<Long> parse(Map<String, String> properties) {
        return Seeds.parse(properties::get);
    }

    @Test
    void defaultIsThreeSeeds() {
        assertEquals(List.of(1L, 2L, 3L), parse(Map.of()));
    }

    @Test
    void oneSeedReplaysExactlyThatSeed() {
        assertEquals(List.of(42L), parse(Map.of("faultline.seed", "42", "faultline.seeds", "5")));
    }

    @Test
    void countAndListAreBothAccepted() {
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), parse(Map.of("faultline.seeds", "5")));
        assertEquals(List.of(7L, 11L), parse(Map.of("faultline.seeds", "7, 11")));
    }

    @Test
    void nonsenseIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of("faultline.seeds", "many")));
        assertEquals("faultline.seeds must be a whole number (or, for faultline.seeds, a comma-separated list of"
                + " them), not \"many\"", e.getMessage());
    }
}
