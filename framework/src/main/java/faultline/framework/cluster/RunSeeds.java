package faultline.framework.cluster;

import faultline.framework.Address;

/**
 * How a run's seed becomes the seeds of its random sources, the same in both runtimes, so a node
 * draws the same {@code random()} sequence in the simulator and in the live runtime.
 */
public final class RunSeeds {

    private RunSeeds() {
    }

    /** The seed of the network's random source (each message's fate and delay). */
    public static long network(long seed) {
        return mix(seed);
    }

    /** The seed of {@code node}'s random source in its {@code incarnation} (1 for the first boot). */
    public static long node(long seed, Address node, int incarnation) {
        return mix(seed ^ mix(node.name().hashCode()) ^ ((long) incarnation << 32));
    }

    /** SplitMix64's finaliser: spreads nearby seeds (1, 2, 3) far apart. */
    public static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
