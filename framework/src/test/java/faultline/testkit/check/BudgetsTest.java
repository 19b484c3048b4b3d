package faultline.testkit.check;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetsTest {

    static final class Log extends Node {
        final List<String> entries = new ArrayList<>();

        Log(Address address) {
            super(address);
        }

        @Override
        protected void init() {
        }
    }

    static final class Holder extends Node {
        final Object notSerializable = new Object();

        Holder(Address address) {
            super(address);
        }

        @Override
        protected void init() {
        }
    }

    @Test
    void stateSizeGrowsWithTheStateAndShrinksWhenItIsForgotten() {
        Log log = new Log(Address.of("log"));
        long empty = Budgets.stateBytes(log);
        for (int i = 0; i < 1_000; i++) {
            log.entries.add("entry number " + i);
        }
        long full = Budgets.stateBytes(log);
        assertTrue(full > empty + 10_000, "1000 entries should weigh over 10 kB: " + empty + " -> " + full);
        log.entries.clear();
        assertTrue(Budgets.stateBytes(log) < empty + 100, "forgetting must bring the size back");
    }

    @Test
    void unserializableStateIsExplained() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Budgets.stateBytes(new Holder(Address.of("h"))));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }
}
