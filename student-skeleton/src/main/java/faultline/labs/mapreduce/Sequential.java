package faultline.labs.mapreduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Runs an application on one machine, with no tasks and no failures: the answer a job must match. */
public final class Sequential {

    private Sequential() {
    }

    /**
     * Maps every input (file name to contents), groups the pairs by key and reduces each group.
     * The result maps every key to its reduced value, sorted by key.
     */
    public static SortedMap<String, String> run(MapReduceApp app, Map<String, String> inputs) {
        SortedMap<String, List<String>> grouped = new TreeMap<>();
        for (Map.Entry<String, String> input : new TreeMap<>(inputs).entrySet()) {
            for (KeyValue pair : app.map(input.getKey(), input.getValue())) {
                grouped.computeIfAbsent(pair.key(), k -> new ArrayList<>()).add(pair.value());
            }
        }
        SortedMap<String, String> result = new TreeMap<>();
        for (Map.Entry<String, List<String>> group : grouped.entrySet()) {
            result.put(group.getKey(), app.reduce(group.getKey(), group.getValue()));
        }
        return result;
    }
}
