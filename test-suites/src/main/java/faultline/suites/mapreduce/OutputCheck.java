package faultline.suites.mapreduce;

import faultline.labs.mapreduce.Job;
import faultline.labs.mapreduce.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** Compares a job's committed output with the sequential result, and says in words how they differ. */
final class OutputCheck {

    private static final int SHOWN = 6;

    private OutputCheck() {
    }

    /** What is wrong with {@code job}'s output files compared to {@code expected}; empty if they match exactly. */
    static List<String> problems(Job job, SortedMap<String, String> expected,
                                 Function<String, Optional<List<String>>> files) {
        List<String> problems = new ArrayList<>();
        Map<String, String> got = new TreeMap<>();
        Map<String, String> whereFirst = new TreeMap<>();
        for (String file : job.outputFiles()) {
            Optional<List<String>> lines = files.apply(file);
            if (lines.isEmpty()) {
                problems.add("output file " + file + " is missing: was the reduce task's output committed"
                        + " before the task was reported done?");
                continue;
            }
            for (String line : lines.get()) {
                KeyValue pair;
                try {
                    pair = KeyValue.parse(line);
                } catch (IllegalArgumentException e) {
                    problems.add(file + " holds a line that is not key<TAB>value: \"" + line + "\"");
                    continue;
                }
                String before = got.putIfAbsent(pair.key(), pair.value());
                if (before != null) {
                    problems.add("key \"" + pair.key() + "\" appears more than once in the output (in "
                            + whereFirst.get(pair.key()) + " and " + file + "): a reduce task's output was"
                            + " written twice, probably appended by two attempts instead of committed atomically");
                } else {
                    whereFirst.put(pair.key(), file);
                }
            }
        }
        for (Map.Entry<String, String> want : expected.entrySet()) {
            String value = got.get(want.getKey());
            if (value == null) {
                problems.add("key \"" + want.getKey() + "\" is missing from the output (expected \""
                        + want.getValue() + "\")");
            } else if (!value.equals(want.getValue())) {
                problems.add("key \"" + want.getKey() + "\": expected \"" + want.getValue() + "\" but the output says \""
                        + value + "\"" + hint(want.getValue(), value));
            }
        }
        for (String key : got.keySet()) {
            if (!expected.containsKey(key)) {
                problems.add("key \"" + key + "\" is in the output but not in the sequential result");
            }
        }
        if (problems.size() > SHOWN) {
            int more = problems.size() - SHOWN;
            problems = new ArrayList<>(problems.subList(0, SHOWN));
            problems.add("... and " + more + " more differences");
        }
        return problems;
    }

    /** Why a value may be off: a multiple of the right count means some map output was counted more than once. */
    private static String hint(String expected, String got) {
        try {
            long want = Long.parseLong(expected.split(" ")[0]);
            long have = Long.parseLong(got.split(" ")[0]);
            if (have > want) {
                return " (too many: some map output was read twice, e.g. appended to by two attempts of one task)";
            }
            if (have < want) {
                return " (too few: some map output was missing or half-written when a reduce task read it)";
            }
        } catch (NumberFormatException notACount) {
            // not a count: no hint
        }
        return "";
    }
}
