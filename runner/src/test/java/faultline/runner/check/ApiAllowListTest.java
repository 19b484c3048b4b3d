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
    void aLabOfSeveralPackagesMayUseEachOfThem() {
        ApiAllowList paxoskv = new ApiAllowList("paxoskv");
        assertTrue(paxoskv.inLabPackage("faultline/labs/paxos/Paxos"));
        assertTrue(paxoskv.inLabPackage("faultline/labs/kv/KVStore"));
        assertTrue(paxoskv.inLabPackage("faultline/labs/paxoskv/KVServer"));
        assertFalse(paxoskv.inLabPackage("faultline/labs/pbkv/PBServer"));
        assertFalse(list.inLabPackage("faultline/labs/paxos/Paxos"));
    }
}
