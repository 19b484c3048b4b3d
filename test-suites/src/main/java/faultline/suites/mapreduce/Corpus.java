package faultline.suites.mapreduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Generated input text: {@code files} files of lines of words drawn from a seeded vocabulary with a
 * skewed (Zipf-like) frequency, so some words are everywhere and some are rare, as in real text.
 */
record Corpus(SortedMap<String, List<String>> files) {

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "da",
        "fe", "gu", "hi", "jo", "be", "Ca", "Qu"};

    static Corpus generate(long seed, String prefix, int files, int linesPerFile, int wordsPerLine) {
        SplittableRandom random = new SplittableRandom(seed * 7919 + files);
        List<String> vocabulary = new ArrayList<>();
        while (vocabulary.size() < 400) {
            StringBuilder word = new StringBuilder();
            int syllables = 1 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            if (!vocabulary.contains(word.toString())) {
                vocabulary.add(word.toString());
            }
        }
        SortedMap<String, List<String>> generated = new TreeMap<>();
        for (int f = 0; f < files; f++) {
            List<String> lines = new ArrayList<>();
            for (int l = 0; l < linesPerFile; l++) {
                StringBuilder line = new StringBuilder();
                for (int w = 0; w < wordsPerLine; w++) {
                    double u = random.nextDouble();
                    line.append(vocabulary.get((int) (vocabulary.size() * u * u * u)));
                    line.append(random.nextInt(6) == 0 ? ", " : " ");
                }
                lines.add(line.toString().strip());
            }
            generated.put(String.format("%s/pg-%03d.txt", prefix, f), List.copyOf(lines));
        }
        return new Corpus(generated);
    }

    List<String> names() {
        return List.copyOf(files.keySet());
    }

    /** Each file's contents as a worker sees them: its lines joined by line breaks. */
    Map<String, String> contents() {
        SortedMap<String, String> contents = new TreeMap<>();
        files.forEach((name, lines) -> contents.put(name, String.join("\n", lines)));
        return contents;
    }

    /** This corpus and {@code other}'s files together. */
    Corpus and(Corpus other) {
        SortedMap<String, List<String>> all = new TreeMap<>(files);
        all.putAll(other.files);
        return new Corpus(all);
    }
}
