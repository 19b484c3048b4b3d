package faultline.labs.echo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Collections whose iteration order is drawn when the JVM starts. */
final class Order {

    String walk(List<String> names) {
        String s = String.join(",", Set.of("a", "b", "c")); // expect: ORDER
        s += Set.copyOf(names); // expect: ORDER
        s += Map.of("k", 1, "j", 2).keySet(); // expect: ORDER
        s += Map.copyOf(Map.of()); // expect: ORDER
        s += names.stream().collect(Collectors.toUnmodifiableSet()); // expect: ORDER
        return s + List.of("fine") + List.copyOf(names);
    }
}
