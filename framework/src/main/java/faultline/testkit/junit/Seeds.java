package faultline.testkit.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Which seeds a {@link SeededTest} runs on, read from system properties. */
public final class Seeds {

    public static final String SEED = "faultline.seed";
    public static final String SEEDS = "faultline.seeds";
    public static final int DEFAULT_COUNT = 3;

    private Seeds() {
    }

    public static List<Long> fromSystemProperties() {
        return parse(System::getProperty);
    }

    static List<Long> parse(UnaryOperator<String> properties) {
        String one = properties.apply(SEED);
        if (one != null && !one.isBlank()) {
            return List.of(number(SEED, one));
        }
        String many = properties.apply(SEEDS);
        if (many == null || many.isBlank()) {
            return range(DEFAULT_COUNT);
        }
        if (many.contains(",")) {
            List<Long> seeds = new ArrayList<>();
            for (String part : many.split(",")) {
                if (!part.isBlank()) {
                    seeds.add(number(SEEDS, part));
                }
            }
            return List.copyOf(seeds);
        }
        long count = number(SEEDS, many);
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException(SEEDS + " is a count between 1 and 10000 or a comma-separated list"
                    + " of seeds, not " + many);
        }
        return range((int) count);
    }

    private static List<Long> range(int count) {
        List<Long> seeds = new ArrayList<>(count);
        for (long s = 1; s <= count; s++) {
            seeds.add(s);
        }
        return List.copyOf(seeds);
    }

    private static long number(String property, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " must be a whole number (or, for " + SEEDS
                    + ", a comma-separated list of them), not \"" + text + "\"", e);
        }
    }
}
