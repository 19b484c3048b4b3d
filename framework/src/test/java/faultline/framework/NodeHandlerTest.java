package faultline.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which handler a message reaches when only its supertypes have one: the nearest, never a matter of chance. */
class NodeHandlerTest {

    interface Request extends Message {
    }

    interface Urgent extends Message {
    }

    record Get(String key) implements Request {
    }

    record Put(String key) implements Request, Urgent {
    }

    sealed interface Ask extends Message permits Ask.Plain, Ask.Loud {
        record Plain() implements Ask {
        }

        record Loud() implements Ask {
        }
    }

    sealed interface Tell extends Message permits Tell.Quiet {
        record Quiet() implements Tell {
        }
    }

    static final class Receiver extends Node {
        final List<String> handled = new ArrayList<>();

        Receiver() {
            super(Address.of("r"));
        }

        void handle(Class<? extends Message> type, String as) {
            onMessage(type, (m, from) -> handled.add(as));
        }

        @Override
        protected void init() {
        }
    }

    @Test
    void theNearestRegisteredSupertypeWinsWhateverTheMapsOrder() {
        // Registered in both orders: a map keyed by classes orders them by identity hash, which differs per JVM.
        for (boolean requestFirst : List.of(true, false)) {
            Receiver r = new Receiver();
            if (requestFirst) {
                r.handle(Request.class, "request");
                r.handle(Message.class, "any");
            } else {
                r.handle(Message.class, "any");
                r.handle(Request.class, "request");
            }
            r.deliver(r.address(), new Get("k"), Address.of("c"));
            r.deliver(r.address(), new Ask.Plain(), Address.of("c"));
            assertEquals(List.of("request", "any"), r.handled);
        }
    }

    @Test
    void twoOpenInterfacesThatOneClassCouldBeBothAreRefusedAtRegistration() {
        Receiver r = new Receiver();
        r.handle(Request.class, "request");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.handle(Urgent.class, "urgent"));
        assertTrue(e.getMessage().contains("both Request and Urgent"), e.getMessage());
    }

    @Test
    void disjointTypesMayHaveHandlersSideBySide() {
        Receiver r = new Receiver();
        r.handle(Ask.class, "ask");
        r.handle(Tell.class, "tell");
        r.handle(Get.class, "get");
        r.handle(Request.class, "request");
        r.deliver(r.address(), new Ask.Loud(), Address.of("c"));
        r.deliver(r.address(), new Tell.Quiet(), Address.of("c"));
        r.deliver(r.address(), new Get("k"), Address.of("c"));
        r.deliver(r.address(), new Put("k"), Address.of("c"));
        assertEquals(List.of("ask", "tell", "get", "request"), r.handled);
    }
}
