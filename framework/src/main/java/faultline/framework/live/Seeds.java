package faultline.framework.live;

import faultline.framework.Address;

/**
 * Derives the live runtime's random seeds from the run's seed exactly as the simulator does, so a node
 * draws the same {@code random()} sequence in both runtimes.
 */
final class Seeds {

    private Seeds() {
    }

    /** The seed of the network's random source (each message's fate and delay). */
    static long network(long seed) {
        return mix(seed);
    }

    /** The seed of {@code node}'s random source in its {@code incarnation} (1 for the first boot). */
    static long node(long seed, Address node, int incarnation) {
        return mix(seed ^ mix(node.name().hashCode()) ^ ((long) incarnation << 32));
    }

    // SplitMix64's finaliser: the same one the simulator uses, so seeds agree across runtimes.
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
