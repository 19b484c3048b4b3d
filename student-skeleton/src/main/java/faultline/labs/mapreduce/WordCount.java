package faultline.labs.mapreduce;

import java.util.ArrayList;
import java.util.List;

/** Counts how often each word occurs across all inputs. A word is a maximal run of letters. */
public record WordCount() implements MapReduceApp {

    @Override
    public List<KeyValue> map(String file, String contents) {
        List<KeyValue> pairs = new ArrayList<>();
        for (String word : Words.of(contents)) {
            pairs.add(new KeyValue(word, "1"));
        }
        return pairs;
    }

    @Override
    public String reduce(String key, List<String> values) {
        long total = 0;
        for (String value : values) {
            total += Long.parseLong(value);
        }
        return Long.toString(total);
    }
}
