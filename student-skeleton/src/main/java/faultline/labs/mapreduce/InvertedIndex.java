package faultline.labs.mapreduce;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * For each word, the files it occurs in: the value is the number of files, a space, and their
 * names sorted and separated by commas ({@code "2 a.txt,b.txt"}).
 */
public record InvertedIndex() implements MapReduceApp {

    @Override
    public List<KeyValue> map(String file, String contents) {
        List<KeyValue> pairs = new ArrayList<>();
        for (String word : new TreeSet<>(Words.of(contents))) {
            pairs.add(new KeyValue(word, file));
        }
        return pairs;
    }

    @Override
    public String reduce(String key, List<String> values) {
        // A file may be named twice when a map task ran twice and both runs were counted; a set
        // would hide that, which is exactly what the suite must see, so only sort here.
        List<String> files = new ArrayList<>(values);
        files.sort(null);
        return files.size() + " " + String.join(",", files);
    }
}
