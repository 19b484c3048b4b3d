package faultline.testkit.search;

import java.util.random.RandomGenerator;

/**
 * SplitMix64, whose whole state is one long, so that a node's random source is part of a search's state; a
 * counterexample's replay in the simulator gives each node one started from the same seed.
 */
final class SplitMix implements RandomGenerator {

    long state;

    SplitMix(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return CanonicalState.mix(state);
    }
}
