package faultline.framework;

import java.util.List;
import java.util.Map;

/**
 * Which packages under {@code faultline.labs} make up each lab. Most labs are one package named after the
 * lab; a lab that builds on shared code lists the shared packages first: Lab 3 is the Paxos library, the
 * course's key/value state machine and the replicated service. Everything that handles a lab's code (the
 * skeleton, the handout, submission checks, the API allow-list, the course files restored at grading, the
 * tests of the suites) asks here, so a lab made of several packages is one line. Lab 4 carries the same
 * Paxos library, the student's own from Lab 3, and the same key/value state machine.
 */
public final class LabPackages {

    private static final Map<String, List<String>> SHARED = Map.of(
            "paxoskv", List.of("paxos", "kv", "paxoskv"),
            "shardkv", List.of("paxos", "kv", "shardkv"));

    private LabPackages() {
    }

    /** The lab's package names under {@code faultline.labs} (shared ones first), e.g. {@code [paxos, kv, paxoskv]}. */
    public static List<String> of(String lab) {
        return SHARED.getOrDefault(lab, List.of(lab));
    }

    /** The lab's fully qualified package names, e.g. {@code faultline.labs.paxos}. */
    public static List<String> qualified(String lab) {
        return of(lab).stream().map(name -> "faultline.labs." + name).toList();
    }
}
