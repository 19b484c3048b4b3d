package faultline.framework.fault;

/**
 * How long a message spends in the network: uniform in [{@code minMillis}, {@code maxMillis}], and
 * with probability {@code tailProbability} a long extra delay uniform in [{@code maxMillis},
 * {@code tailMaxMillis}] — the long tail that reorders messages.
 */
public record Delay(long minMillis, long maxMillis, double tailProbability, long tailMaxMillis) {

    public Delay {
        if (minMillis < 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("A delay needs 0 <= min <= max, not " + minMillis + ".." + maxMillis);
        }
        if (tailProbability < 0 || tailProbability > 1) {
            throw new IllegalArgumentException("A tail probability is between 0 and 1, not " + tailProbability);
        }
        if (tailProbability > 0 && tailMaxMillis < maxMillis) {
            throw new IllegalArgumentException("A long tail must reach past the normal delay: " + tailMaxMillis
                    + " < " + maxMillis);
        }
    }

    /** A delay uniform in [min, max] with no tail. */
    public static Delay between(long minMillis, long maxMillis) {
        return new Delay(minMillis, maxMillis, 0, maxMillis);
    }

    /** This delay, plus a long tail of up to {@code tailMaxMillis} for a {@code probability} of messages. */
    public Delay withTail(double probability, long tailMaxMillis) {
        return new Delay(minMillis, maxMillis, probability, tailMaxMillis);
    }

    @Override
    public String toString() {
        String base = minMillis == maxMillis ? minMillis + "ms" : minMillis + "-" + maxMillis + "ms";
        return tailProbability == 0 ? base
                : base + " (" + percent(tailProbability) + " up to " + tailMaxMillis + "ms)";
    }

    static String percent(double p) {
        double scaled = p * 100;
        return (scaled == Math.rint(scaled) ? String.valueOf((long) scaled) : String.valueOf(scaled)) + "%";
    }
}
