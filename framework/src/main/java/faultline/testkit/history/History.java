package faultline.testkit.history;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable record of client operations, in the order they were recorded.
 *
 * @param operations the operations; their call and return times, not their list order, say what overlapped
 * @param <I>        the input type
 * @param <O>        the output type
 */
public record History<I, O>(List<Operation<I, O>> operations) {

    public History {
        operations = List.copyOf(operations);
    }

    public static <I, O> History<I, O> of(List<Operation<I, O>> operations) {
        return new History<>(operations);
    }

    public int size() {
        return operations.size();
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /** The operations that satisfy {@code keep}, in the same order. */
    public History<I, O> filter(Predicate<? super Operation<I, O>> keep) {
        return new History<>(operations.stream().filter(keep).toList());
    }

    /** Splits the history by {@code key}, with the groups in the key's natural order so results are stable. */
    public <K extends Comparable<K>> Map<K, History<I, O>> groupBy(Function<? super Operation<I, O>, K> key) {
        return operations.stream().collect(Collectors.groupingBy(key, TreeMap::new,
                Collectors.collectingAndThen(Collectors.toList(), History::new)));
    }
}
