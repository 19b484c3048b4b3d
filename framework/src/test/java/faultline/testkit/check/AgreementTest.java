package faultline.testkit.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgreementTest {

    @Test
    void undecidedInstancesDoNotDisagree() {
        assertTrue(Agreement.violations(Map.of("p1", Map.of(0, "a", 1, "b"), "p2", Map.of(0, "a"))).isEmpty());
    }

    @Test
    void differentDecisionsAreNamed() {
        assertEquals(List.of("instance 1: p1 decided b but p2 decided c"),
                Agreement.violations(Map.of("p1", Map.of(0, "a", 1, "b"), "p2", Map.of(0, "a", 1, "c"))));
    }
}
