package faultline.testkit.check;

import faultline.framework.cluster.Cluster;
import java.util.function.BooleanSupplier;

/** Liveness within a bound: once the network heals, progress must come within a stated time. */
public final class Liveness {

    private Liveness() {
    }

    /**
     * Runs {@code cluster} until {@code progress} holds, failing with an AssertionError that says
     * {@code what} did not happen within {@code boundMillis} otherwise.
     */
    public static void within(Cluster cluster, long boundMillis, String what, BooleanSupplier progress) {
        long start = cluster.now();
        if (!cluster.runUntil(progress, boundMillis)) {
            throw new AssertionError(what + " did not happen within " + boundMillis + "ms (waited from "
                    + start + "ms to " + cluster.now() + "ms)");
        }
    }
}
