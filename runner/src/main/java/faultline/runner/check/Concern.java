package faultline.runner.check;

/** Why a use is forbidden, in the words a student reads: what may not be done, and what to do instead. */
public enum Concern {
    THREADS("Lab code may not start threads or use concurrency", "Use timers instead: a node runs on one thread."),
    LOCKS("Lab code may not use synchronized, wait or notify", "A node runs on one thread, so it needs no locks."),
    REFLECTION("Lab code may not use reflection",
            "Call your own classes and methods directly; to test what type an object is, use instanceof."),
    PROCESS("Lab code may not control the JVM or start processes",
            "Return from the handler or throw an exception instead."),
    CLOCK("Lab code may not read the wall clock", "Use the framework's time and timers instead."),
    RANDOMNESS("Lab code may not use unseeded randomness",
            "Use the framework's seeded random source so that every run can be replayed."),
    FILES("Lab code may not read or write files or streams",
            "Keep state in memory; System.out and System.err are fine for printing."),
    NETWORK("Lab code may not open sockets or use the network", "Send messages through the framework."),
    CLASS_LOADING("Lab code may not load classes or resources", "Refer to your own classes directly."),
    NATIVE("Lab code may not declare native methods", "Write the method in Java."),
    ENVIRONMENT("Lab code may not read system properties or environment variables",
            "Pass settings through constructors or messages."),
    IDENTITY("Lab code may not read identity hash codes or stack traces",
            "They differ from one JVM to the next, so a run would not replay from its seed; give the class its own"
                    + " hashCode (a record has one) or key maps by a value such as a String or an Address."),
    SHARED_STATE("Lab code may not keep state outside its nodes",
            "Nodes are separate machines that share nothing but messages, and every test starts from nothing: keep"
                    + " state in your node's fields. A static field may only be a final constant (a number, a String,"
                    + " an enum, or a record of those); an enum's fields must be final constants too."),
    ORDER("Lab code may not use collections whose order changes from one JVM to the next",
            "Set.of, Map.of and their copyOf iterate in an order drawn when the JVM starts, so a run would not replay"
                    + " from its seed: use a TreeSet or TreeMap (wrapped in Collections.unmodifiableSortedSet if it"
                    + " must not change), or List.of."),
    INTERNALS("Lab code may not use JDK internals", "Use the public Java APIs listed in the lab handout."),
    HIDDEN("Lab code may not use the test kit, the test suites or the grader",
            "Lab code sees only faultline.framework and its own package."),
    PACKAGE("Lab code must be in the lab's package", "Move the class into the lab's package."),
    OTHER("Lab code may not use this API",
            "Lab code may use java.lang basics, java.util collections, streams and functional interfaces, "
                    + "java.time value types and faultline.framework; see the lab handout.");

    private final String lead;
    private final String advice;

    Concern(String lead, String advice) {
        this.lead = lead;
        this.advice = advice;
    }

    /** "Lab code may not start threads or use concurrency: java.lang.Thread.start (PBServer.java:42). Use timers instead..." */
    public String sentence(String api, String where) {
        return lead + ": " + api + " (" + where + "). " + advice;
    }
}
