package faultline.framework;

import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** Every lab, in course order. */
    public static final List<String> LABS = List.of("pingpong", "mapreduce", "pbkv", "paxoskv", "shardkv");

    /** Packages that are the course's alone: nothing in them is a student's to write. */
    private static final Set<String> COURSE_ONLY = Set.of("kv");

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

    /**
     * The lab's packages that hold a student's work (all but the course's own, like {@code kv}): a submission
     * must carry each of them.
     */
    public static List<String> written(String lab) {
        return of(lab).stream().filter(name -> !COURSE_ONLY.contains(name)).toList();
    }

    /**
     * The labs graded from a package under {@code faultline.labs} (or a sub-package of one), in course order,
     * e.g. {@code [paxoskv, shardkv]} for {@code faultline.labs.paxos}; empty for any other package.
     */
    public static List<String> labsOf(String qualifiedPackage) {
        return LABS.stream().filter(lab -> qualified(lab).stream()
                .anyMatch(p -> qualifiedPackage.equals(p) || qualifiedPackage.startsWith(p + "."))).toList();
    }
}
