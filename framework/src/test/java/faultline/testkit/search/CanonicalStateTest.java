package faultline.testkit.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.testkit.search.Toys.Shapes;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalStateTest {

    private static final Address A = Address.of("a");

    @Test
    void equalMapsCollideWhateverTheirInsertionOrder() {
        Shapes one = new Shapes(A);
        Shapes two = new Shapes(A);
        for (int i = 0; i < 200; i++) {
            one.hashed.put("key" + i, i);
            one.sorted.put("key" + i, i);
        }
        for (int i = 199; i >= 0; i--) {
            two.hashed.put("key" + i, i);
            two.sorted.put("key" + i, i);
        }
        // A map that grew and shrank back has another table size and bucket order, but the same entries.
        for (int i = 0; i < 5_000; i++) {
            two.hashed.put("extra" + i, i);
        }
        for (int i = 0; i < 5_000; i++) {
            two.hashed.remove("extra" + i);
        }
        assertEquals(CanonicalState.ofNode(one), CanonicalState.ofNode(two));
        two.hashed.put("key7", 8);
        assertNotEquals(CanonicalState.ofNode(one), CanonicalState.ofNode(two), "a changed value must change the fingerprint");
        two.hashed.put("key7", 7);
        two.token = new Toys.Token("u");
        assertNotEquals(CanonicalState.ofNode(one), CanonicalState.ofNode(two), "a changed record must change the fingerprint");
    }

    @Test
    void swappedKeysAndValuesDoNotCollide() {
        Map<String, String> one = new HashMap<>(Map.of("a", "b", "c", "d"));
        Map<String, String> two = new HashMap<>(Map.of("b", "a", "d", "c"));
        Map<String, String> three = new HashMap<>(Map.of("a", "d", "c", "b"));
        assertNotEquals(CanonicalState.of(one), CanonicalState.of(two));
        assertNotEquals(CanonicalState.of(one), CanonicalState.of(three));
    }

    @Test
    void aCopyIsDeepKeepsAliasingAndHandlesMessages() {
        Shapes original = new Shapes(A);
        original.hashed.put("k", 1);
        original.arrays.add(new int[] {1, 2});
        original.first.add(new StringBuilder("x"));
        Shapes copy = (Shapes) CanonicalState.copy(original, Shapes::new);
        assertEquals(CanonicalState.ofNode(original), CanonicalState.ofNode(copy));
        assertNotSame(original.hashed, copy.hashed);
        assertNotSame(original.arrays.get(0), copy.arrays.get(0));
        assertNotSame(original.first.get(0), copy.first.get(0));
        assertSame(copy.first, copy.second, "two fields naming one list must still name one list in the copy");
        assertSame(original.token, copy.token, "records are values and are shared");
        copy.arrays.get(0)[0] = 9;
        copy.first.get(0).append("y");
        assertEquals(1, original.arrays.get(0)[0]);
        assertEquals("x", original.first.get(0).toString());
        // The copy's handlers act on the copy, not on the original.
        copy.deliver(A, new Toys.Increment(1), A);
        assertEquals(2, copy.hashed.get("k"));
        assertEquals(1, original.hashed.get("k"));
        assertTrue(CanonicalState.ofNode(original) != CanonicalState.ofNode(copy));
    }

    /** A link of a node's own chain: an object that refers to another like it. */
    static final class Link {
        Link next;
    }

    /** Holds a chain of links, which can be made to lead back to itself. */
    static final class Chained extends faultline.framework.Node {
        Link head = new Link();

        Chained(Address address) {
            super(address);
        }

        @Override
        protected void init() {
        }
    }

    @Test
    void aStateThatLeadsBackToItselfIsExplainedInWordsNotAsAStackOverflow() {
        Chained node = new Chained(A);
        node.head.next = new Link();
        node.head.next.next = node.head;
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> CanonicalState.ofNode(node));
        assertTrue(e.getMessage().startsWith("The search could not read the state of a (Chained): it holds objects"
                + " that lead back to themselves"), e.getMessage());
    }
}
