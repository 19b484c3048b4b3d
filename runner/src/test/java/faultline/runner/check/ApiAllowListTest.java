package faultline.runner.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Members of System that lab code may and may not use: printing yes, anything that breaks replay no. */
class ApiAllowListTest {

    final ApiAllowList list = new ApiAllowList("pbkv");

    @Test
    void printingAndCopyingArePermitted() {
        assertTrue(list.permitsMember("java/lang/System", "out", "Ljava/io/PrintStream;"));
        assertTrue(list.permitsMember("java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V"));
    }

    @Test
    void whatDiffersBetweenRunsIsNot() {
        assertFalse(list.permitsMember("java/lang/System", "identityHashCode", "(Ljava/lang/Object;)I"),
                "identity hashes differ between JVMs, so a run using them would not replay from its seed");
        assertFalse(list.permitsMember("java/lang/System", "currentTimeMillis", "()J"));
        assertFalse(list.permitsMember("java/lang/System", "nanoTime", "()J"));
        assertFalse(list.permitsMember("java/lang/System", "getenv", "(Ljava/lang/String;)Ljava/lang/String;"));
    }

    @Test
    void parallelWorkIsNotPermittedInAnyForm() {
        assertFalse(list.permitsMember("java/util/stream/StreamSupport", "stream",
                "(Ljava/util/Spliterator;Z)Ljava/util/stream/Stream;"), "StreamSupport.stream(spliterator, true)");
        assertFalse(list.permitsMember("java/util/stream/Stream", "parallel", "()Ljava/util/stream/BaseStream;"));
        assertFalse(list.permitsMember("java/util/Collection", "parallelStream", "()Ljava/util/stream/Stream;"));
        assertFalse(list.permitsMember("java/util/Arrays", "parallelSort", "([I)V"));
        assertFalse(list.permitsType("java/util/concurrent/ForkJoinPool"));
        assertFalse(list.permitsType("java/util/concurrent/CompletableFuture"));
        assertFalse(list.permitsType("java/util/concurrent/ThreadLocalRandom"));
        assertFalse(list.permitsType("java/lang/StackWalker"));
        assertFalse(list.permitsType("java/lang/Runtime"));
        assertFalse(list.permitsType("java/security/SecureRandom"));
        assertFalse(list.permitsMember("java/lang/Math", "random", "()D"));
        assertFalse(list.permitsMember("java/util/UUID", "randomUUID", "()Ljava/util/UUID;"));
    }

    @Test
    void identityHashesAndStackTracesAreNot() {
        assertFalse(list.permitsMember("java/lang/Object", "hashCode", "()I"), "the identity hash");
        assertFalse(list.permitsMember("java/lang/Enum", "hashCode", "()I"), "an enum's hash is its identity hash");
        assertFalse(list.permitsMember("java/util/Objects", "hashCode", "(Ljava/lang/Object;)I"));
        assertFalse(list.permitsMember("java/lang/Class", "hashCode", "()I"));
        assertFalse(list.permitsType("java/util/IdentityHashMap"));
        assertFalse(list.permitsType("java/util/WeakHashMap"));
        assertFalse(list.permitsMember("java/lang/RuntimeException", "getStackTrace", "()[Ljava/lang/StackTraceElement;"));
        assertTrue(list.permitsMember("java/lang/String", "hashCode", "()I"), "a value's own hash is fine");
        assertTrue(list.permitsMember("java/util/Objects", "hash", "([Ljava/lang/Object;)I"));
        assertTrue(list.permitsMember("java/util/List", "hashCode", "()I"));
    }

    @Test
    void aLabOfSeveralPackagesMayUseEachOfThem() {
        ApiAllowList paxoskv = new ApiAllowList("paxoskv");
        assertTrue(paxoskv.inLabPackage("faultline/labs/paxos/Paxos"));
        assertTrue(paxoskv.inLabPackage("faultline/labs/kv/KVStore"));
        assertTrue(paxoskv.inLabPackage("faultline/labs/paxoskv/KVServer"));
        assertFalse(paxoskv.inLabPackage("faultline/labs/pbkv/PBServer"));
        assertFalse(list.inLabPackage("faultline/labs/paxos/Paxos"));
    }
}
