package faultline.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cutting rules of {@link Skeleton}, one per test, on small sources written to show each rule. */
class SkeletonTest {

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    @Test
    void fileWithoutRegionsIsCopiedAsItIs() {
        String source = "package p;\r\n\r\nrecord Ping(int n) implements Message {\r\n}\r\n";
        assertSame(source, Skeleton.cut("p/Ping.java", source));
    }

    @Test
    void voidMethodBodyBecomesTodoWithoutReturn() {
        String source = lines(
                "class Server {",
                "    void handle(Ping ping, Address from) {",
                "        // SOLUTION BEGIN",
                "        send(new Pong(ping.n()), from);",
                "        // SOLUTION END",
                "    }",
                "}");
        assertEquals(lines(
                "class Server {",
                "    void handle(Ping ping, Address from) {",
                "        // TODO: implement Server.handle",
                "    }",
                "}"), Skeleton.cut("Server.java", source));
    }

    @Test
    void regionEndingValueMethodGetsThrowingStub() {
        String source = lines(
                "class Client {",
                "    @Override",
                "    public java.util.Map<String, java.util.List<Integer>> result(int a) throws Exception {",
                "        int unused = a;",
                "        // SOLUTION BEGIN: return the answer",
                "        return java.util.Map.of(\"}\", java.util.List.of(a));",
                "        // SOLUTION END",
                "        // (the answer is kept until taken)",
                "    }",
                "}");
        assertEquals(lines(
                "class Client {",
                "    @Override",
                "    public java.util.Map<String, java.util.List<Integer>> result(int a) throws Exception {",
                "        int unused = a;",
                "        // TODO: return the answer",
                "        throw new UnsupportedOperationException(\"TODO: implement Client.result\");",
                "        // (the answer is kept until taken)",
                "    }",
                "}"), Skeleton.cut("Client.java", source));
    }

    @Test
    void regionInTheMiddleOfValueMethodKeepsTheMethodsOwnReturn() {
        String source = lines(
                "class Client {",
                "    boolean ready() {",
                "        // SOLUTION BEGIN",
                "        if (x) { return true; }",
                "        // SOLUTION END",
                "        return false;",
                "    }",
                "}");
        assertEquals(lines(
                "class Client {",
                "    boolean ready() {",
                "        // TODO: implement Client.ready",
                "        return false;",
                "    }",
                "}"), Skeleton.cut("Client.java", source));
    }

    @Test
    void fieldRegionBecomesStateTodoAndHintCarriesOver() {
        String source = lines(
                "public final class Coordinator extends Node {",
                "    private final Address self;",
                "    // SOLUTION BEGIN",
                "    private int sequence;",
                "    private final java.util.Map<String, String> done = new java.util.TreeMap<>();",
                "    // SOLUTION END",
                "    // SOLUTION BEGIN: the tasks still to hand out",
                "    private final java.util.List<String> todo = new java.util.ArrayList<>();",
                "    // SOLUTION END",
                "}");
        assertEquals(lines(
                "public final class Coordinator extends Node {",
                "    private final Address self;",
                "    // TODO: the state this node needs",
                "    // TODO: the tasks still to hand out",
                "}"), Skeleton.cut("Coordinator.java", source));
    }

    @Test
    void constructorAndNestedBlocksGetTodoOnly() {
        String source = lines(
                "class Worker {",
                "    Worker(Address a) {",
                "        super(a);",
                "        // SOLUTION BEGIN",
                "        onTimer(Tick.class, t -> { });",
                "        // SOLUTION END",
                "    }",
                "    int count() {",
                "        for (int i = 0; i < 3; i++) {",
                "            // SOLUTION BEGIN",
                "            n++;",
                "            // SOLUTION END",
                "        }",
                "        return n;",
                "    }",
                "}");
        assertEquals(lines(
                "class Worker {",
                "    Worker(Address a) {",
                "        super(a);",
                "        // TODO: implement the Worker constructor",
                "    }",
                "    int count() {",
                "        for (int i = 0; i < 3; i++) {",
                "            // TODO: implement this part of Worker.count",
                "        }",
                "        return n;",
                "    }",
                "}"), Skeleton.cut("Worker.java", source));
    }

    @Test
    void regionOutsideAnyTypeCutsWholeTypes() {
        String source = lines(
                "package p;",
                "",
                "// SOLUTION BEGIN: records for your own messages",
                "record Forward(String key, String value) implements Message {",
                "}",
                "// SOLUTION END");
        assertEquals(lines("package p;", "", "// TODO: records for your own messages"),
                Skeleton.cut("p/Messages.java", source));
    }

    @Test
    void bracesInStringsCharsAndCommentsDoNotConfuseTheStructure() {
        String source = lines(
                "class Odd {",
                "    String text() {",
                "        String a = \"{ \\\" {\"; char c = '{'; /* { */",
                "        String b = \"\"\"",
                "            {{",
                "            \"\"\";",
                "        // SOLUTION BEGIN",
                "        return a + b + c;",
                "        // SOLUTION END",
                "    }",
                "}");
        String cut = Skeleton.cut("Odd.java", source);
        assertTrue(cut.contains("throw new UnsupportedOperationException(\"TODO: implement Odd.text\");"), cut);
    }

    @Test
    void nestedRegionIsAnErrorNamingBothLines() {
        MarkerException e = assertThrows(MarkerException.class, () -> Skeleton.cut("p/A.java", lines(
                "class A {",
                "    void f() {",
                "        // SOLUTION BEGIN",
                "        // SOLUTION BEGIN",
                "        x();",
                "        // SOLUTION END",
                "    }",
                "}")));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("p/A.java:4 ") && e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void endWithoutBeginIsAnErrorNamingItsLine() {
        MarkerException e = assertThrows(MarkerException.class, () -> Skeleton.cut("p/A.java", lines(
                "class A {",
                "    // SOLUTION END",
                "}")));
        assertEquals("p/A.java", e.file());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("never begun"), e.getMessage());
    }

    @Test
    void beginWithoutEndIsAnErrorNamingItsLine() {
        MarkerException e = assertThrows(MarkerException.class, () -> Skeleton.cut("p/A.java", lines(
                "class A {",
                "    void f() {",
                "        // SOLUTION BEGIN",
                "        x();",
                "    }",
                "}")));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("never ended"), e.getMessage());
    }

    @Test
    void regionThatSpansABraceIsAnError() {
        MarkerException e = assertThrows(MarkerException.class, () -> Skeleton.cut("p/A.java", lines(
                "class A {",
                "    void f() {",
                "        // SOLUTION BEGIN",
                "        x();",
                "    }",
                "    void g() {",
                "        // SOLUTION END",
                "    }",
                "}")));
        assertEquals(3, e.line());
    }

    @Test
    void markerAfterCodeIsAnErrorRatherThanALeak() {
        MarkerException e = assertThrows(MarkerException.class, () -> Skeleton.cut("p/A.java", lines(
                "class A {",
                "    int secret = 42; // SOLUTION BEGIN",
                "}")));
        assertEquals(2, e.line());
    }
}
