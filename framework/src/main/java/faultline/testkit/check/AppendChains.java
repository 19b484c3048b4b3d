package faultline.testkit.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At-most-once for appends: clients append tokens {@code "x<client>.<n>y"} (n = 0, 1, 2, ... per
 * client) to one key, and the final value must hold every acknowledged token exactly once, no
 * token twice, and each client's tokens in the order it appended them. Tokens of appends whose
 * outcome is unknown may be present or absent, but never twice.
 */
public final class AppendChains {

    private static final Pattern TOKEN = Pattern.compile("x(\\d+)\\.(\\d+)y");

    private AppendChains() {
    }

    /** The token client {@code client} appends as its {@code n}th append. */
    public static String token(int client, int n) {
        return "x" + client + "." + n + "y";
    }

    /**
     * Checks {@code value} against what each client was told: {@code acknowledged.get(c)} appends of
     * client c returned; {@code attempted.get(c)} were issued (the rest may or may not be there).
     */
    public static Verdict check(String value, Map<Integer, Integer> acknowledged, Map<Integer, Integer> attempted) {
        Map<Integer, List<Integer>> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        Matcher m = TOKEN.matcher(value);
        int consumed = 0;
        while (m.find()) {
            if (m.start() != consumed) {
                problems.add("unexpected text \"" + value.substring(consumed, m.start()) + "\" at position " + consumed);
            }
            consumed = m.end();
            seen.computeIfAbsent(Integer.parseInt(m.group(1)), c -> new ArrayList<>()).add(Integer.parseInt(m.group(2)));
        }
        if (consumed != value.length()) {
            problems.add("unexpected text \"" + value.substring(consumed) + "\" at the end");
        }
        for (Map.Entry<Integer, Integer> entry : attempted.entrySet()) {
            int client = entry.getKey();
            int acked = acknowledged.getOrDefault(client, 0);
            List<Integer> tokens = seen.getOrDefault(client, List.of());
            boolean[] present = new boolean[entry.getValue()];
            int last = -1;
            for (int n : tokens) {
                if (n >= present.length) {
                    problems.add(token(client, n) + " appears but client " + client + " never appended it");
                    continue;
                }
                if (present[n]) {
                    problems.add(token(client, n) + " appears twice: a retried Append took effect again");
                }
                present[n] = true;
                if (n < last) {
                    problems.add(token(client, n) + " comes after " + token(client, last)
                            + ": client " + client + "'s appends are out of order");
                }
                last = Math.max(last, n);
            }
            for (int n = 0; n < acked; n++) {
                if (!present[n]) {
                    problems.add(token(client, n) + " is missing although its Append returned");
                }
            }
        }
        for (int client : seen.keySet()) {
            if (!attempted.containsKey(client)) {
                problems.add("tokens of client " + client + " appear, but it never appended");
            }
        }
        return new Verdict(List.copyOf(problems));
    }

    /** The problems found; none means the chain is sound. */
    public record Verdict(List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        @Override
        public String toString() {
            if (ok()) {
                return "every append took effect exactly once, in order";
            }
            int shown = Math.min(problems.size(), 8);
            return String.join("; ", problems.subList(0, shown))
                    + (problems.size() > shown ? "; and " + (problems.size() - shown) + " more" : "");
        }
    }
}
