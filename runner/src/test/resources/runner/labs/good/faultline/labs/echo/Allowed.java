package faultline.labs.echo;

import faultline.framework.Message;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Everything here is allowed lab code; the allow-list must not flag any of it. */
final class Allowed {
    record Ping(int n, String from) implements Message, Serializable {
    }

    enum Phase { IDLE, BUSY }

    sealed interface Shape permits Square, Circle {
    }

    record Square(int side) implements Shape {
    }

    record Circle(int r) implements Shape {
    }

    private final Map<String, List<Integer>> log = new HashMap<>();
    private Phase phase = Phase.IDLE;

    String all(Phase p, Object o) {
        assert p != null;
        String s = switch (p) {
            case IDLE -> "idle";
            case BUSY -> "busy";
        };
        if (o instanceof Ping ping && ping.n() > 0) {
            s += ping.from();
        }
        switch (s) {
            case "idle" -> s = s.toUpperCase();
            default -> s = s.strip();
        }
        Function<Integer, Integer> twice = x -> x * 2;
        List<Integer> xs = new ArrayList<>(List.of(3, 1, 2));
        xs.sort(Comparator.naturalOrder());
        Map<Integer, Long> counts = xs.stream().map(twice).collect(Collectors.groupingBy(x -> x, TreeMap::new,
                Collectors.counting()));
        log.computeIfAbsent(s, k -> new ArrayList<>()).add(Objects.hash(s, counts));
        Optional<String> first = log.keySet().stream().findFirst();
        Duration d = Duration.ofMillis(150).plusSeconds(1);
        long ms = Math.max(d.toMillis(), Integer.parseInt("12"));
        StringBuilder sb = new StringBuilder().append(ms).append(phase.name()).append(phase.ordinal());
        try {
            Integer.parseInt("x");
        } catch (NumberFormatException e) {
            sb.append(e.getMessage());
        }
        int[] arr = new int[] {1, 2};
        int[] copy = arr.clone();
        System.arraycopy(arr, 0, copy, 0, 2);
        System.out.println(sb + first.orElse("") + Allowed.class.getSimpleName() + Phase.valueOf("BUSY"));
        System.err.printf("%d%n", copy.length);
        Runnable r = this::toString;
        r.run();
        if (o instanceof Shape shape) {
            return shape instanceof Square sq ? "square " + sq.side() : "circle";
        }
        throw new IllegalStateException("no shape: " + s + ms);
    }
}
