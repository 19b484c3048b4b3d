package faultline.testkit.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Agreement: no two participants decide differently on the same instance. Participants report
 * what they decided; instances they have not decided are simply absent.
 */
public final class Agreement {

    private Agreement() {
    }

    /**
     * @param decisions per participant (by name), its decided value per instance number
     * @return a sentence per instance on which two participants disagree; empty when all agree
     */
    public static List<String> violations(Map<String, ? extends Map<Integer, ?>> decisions) {
        Map<Integer, Map.Entry<String, Object>> first = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ? extends Map<Integer, ?>> participant : new TreeMap<>(decisions).entrySet()) {
            for (Map.Entry<Integer, ?> decided : new TreeMap<>(participant.getValue()).entrySet()) {
                Map.Entry<String, Object> earlier = first.putIfAbsent(decided.getKey(),
                        Map.entry(participant.getKey(), decided.getValue()));
                if (earlier != null && !Objects.equals(earlier.getValue(), decided.getValue())) {
                    problems.add("instance " + decided.getKey() + ": " + earlier.getKey() + " decided "
                            + earlier.getValue() + " but " + participant.getKey() + " decided " + decided.getValue());
                }
            }
        }
        return problems;
    }
}
