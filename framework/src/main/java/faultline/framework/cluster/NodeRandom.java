package faultline.framework.cluster;

import java.util.random.RandomGenerator;

/**
 * A node's {@code random()}: SplitMix64, whose whole state is one long. It is the one kind of random source a node
 * gets in every runtime (the simulator, the live runtime, a search and its replay), so lab code cannot tell them
 * apart by what it is handed, and a search can keep each node's source as part of its state.
 */
public final class NodeRandom implements RandomGenerator {

    private long state;

    /** @param seed the node's seed ({@link RunSeeds#node}) */
    public NodeRandom(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The whole state, to keep it elsewhere and {@link #resume} from it. */
    public long state() {
        return state;
    }

    /** Continues from a state that {@link #state} gave. */
    public void resume(long saved) {
        this.state = saved;
    }
}
