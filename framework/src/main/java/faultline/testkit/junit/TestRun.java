package faultline.testkit.junit;

import faultline.framework.cluster.Cluster;
import faultline.framework.fault.Scenario;
import faultline.framework.sim.Simulation;
import faultline.framework.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * One run of a {@link SeededTest} on one seed: it makes the run's clusters, all seeded alike, and
 * remembers them so that a failure can name their scenarios and write their traces. Clusters are
 * closed when the test ends.
 */
public final class TestRun {

    private final long seed;
    private final String testClass;
    private final String testMethod;
    private final List<Cluster> clusters = new ArrayList<>();
    private final List<KeptTrace> kept = new ArrayList<>();
    private int closed;

    TestRun(long seed, String testClass, String testMethod) {
        this.seed = seed;
        this.testClass = testClass;
        this.testMethod = testMethod;
    }

    public long seed() {
        return seed;
    }

    /** A fresh simulation on this run's seed, with tracing on. */
    public Simulation simulation() {
        return register(Simulation.seeded(seed));
    }

    /** A cluster made by {@code runtime} from this run's seed (a live runtime, say), closed after the test. */
    public <C extends Cluster> C cluster(LongFunction<C> runtime) {
        return register(runtime.apply(seed));
    }

    /** Takes charge of a cluster made elsewhere: it is reported on failure and closed after the test. */
    public <C extends Cluster> C register(C cluster) {
        clusters.add(cluster);
        return cluster;
    }

    /**
     * Keeps a trace made outside any cluster (a search's counterexample, say) to be written beside the
     * clusters' traces if the test fails; {@code what} says what it shows.
     */
    public void keepTrace(Trace trace, String what) {
        kept.add(new KeptTrace(trace, what));
    }

    /** A trace kept by {@link #keepTrace}. */
    record KeptTrace(Trace trace, String what) {
    }

    List<KeptTrace> keptTraces() {
        return kept;
    }

    List<Cluster> clusters() {
        return clusters;
    }

    List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        for (Cluster cluster : clusters) {
            all.addAll(cluster.scenarios());
        }
        return all;
    }

    String testClass() {
        return testClass;
    }

    String testMethod() {
        return testMethod;
    }

    /** Closes every cluster not closed yet; the first failure a close reports is thrown. */
    void closeAll() {
        RuntimeException first = null;
        for (Cluster cluster : clusters.subList(closed, clusters.size())) {
            closed++;
            try {
                cluster.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
