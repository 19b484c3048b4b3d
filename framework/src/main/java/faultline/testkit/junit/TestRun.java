package faultline.testkit.junit;

import faultline.framework.cluster.Cluster;
import faultline.framework.fault.Scenario;
import faultline.framework.live.LiveCluster;
import faultline.framework.sim.Simulation;
import faultline.framework.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * One run of a {@link SeededTest} on one seed: it makes the run's clusters, all seeded alike, and
 * remembers them so that a failure can name their scenarios and write their traces. Clusters are
 * closed when the test ends.
 *
 * <p>A run that goes live ({@link #live}) has a twin: once the test has run over the live runtime, it runs again
 * on the same seed with every live cluster replaced by a simulation, and the twin's outcome is the test's. So a
 * live test's points are a function of the code and the seed, like every other test's; the live run's outcome is
 * reported beside it.
 */
public final class TestRun {

    /** What a live test's description adds, so that a student reads how it earns points. */
    public static final String LIVE_RULE = " It runs over TCP, then again in the simulator on the same seed; the"
            + " simulator's run decides the points and replays exactly.";

    private final long seed;
    private final String testClass;
    private final String testMethod;
    private final List<Cluster> clusters = new ArrayList<>();
    private final List<KeptTrace> kept = new ArrayList<>();
    private final boolean simulatedTwin;
    private boolean wentLive;
    private TestRun twin;
    private String liveOutcome = "";
    private int closed;

    TestRun(long seed, String testClass, String testMethod) {
        this(seed, testClass, testMethod, false);
    }

    private TestRun(long seed, String testClass, String testMethod, boolean simulatedTwin) {
        this.seed = seed;
        this.testClass = testClass;
        this.testMethod = testMethod;
        this.simulatedTwin = simulatedTwin;
    }

    public long seed() {
        return seed;
    }

    /** A fresh simulation on this run's seed, with tracing on. */
    public Simulation simulation() {
        return register(Simulation.seeded(seed));
    }

    /**
     * A live cluster made by {@code runtime} from this run's seed, closed after the test; in the run's simulated
     * twin, a simulation on the same seed instead. Write the test against {@link Cluster} alone: the same lines
     * run in both, and the simulation's outcome decides the test (see the class comment).
     */
    public Cluster live(LongFunction<? extends LiveCluster> runtime) {
        wentLive = true;
        return simulatedTwin ? register(Simulation.seeded(seed)) : register(runtime.apply(seed));
    }

    /** Whether the test made a live cluster, and so must run again as its simulated twin to be decided. */
    boolean wentLive() {
        return wentLive && !simulatedTwin;
    }

    /** The simulated twin of this live run, made now: the same seed and test, every live cluster simulated. */
    TestRun startTwin() {
        twin = new TestRun(seed, testClass, testMethod, true);
        return twin;
    }

    /** The run whose outcome is the test's: the simulated twin once there is one, else this run. */
    TestRun deciding() {
        return twin == null ? this : twin;
    }

    /** How the live run went, in a line ("passed" or its failure), once it has run. */
    String liveOutcome() {
        return liveOutcome;
    }

    void liveOutcome(String outcome) {
        liveOutcome = outcome;
    }

    /** Whether this run is a live run's simulated twin. */
    boolean isTwin() {
        return simulatedTwin;
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

    /** Closes every cluster not closed yet, the twin's too; the first failure a close reports is thrown. */
    void closeAll() {
        RuntimeException first = null;
        if (twin != null) {
            try {
                twin.closeAll();
            } catch (RuntimeException e) {
                first = e;
            }
        }
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
