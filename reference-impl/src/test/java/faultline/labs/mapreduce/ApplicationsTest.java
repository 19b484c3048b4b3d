package faultline.labs.mapreduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ApplicationsTest {

    @Test
    void wordsAreRunsOfLettersWithCaseKept() {
        assertEquals(List.of("It", "was", "the", "best", "of", "times", "it", "WAS"),
                Words.of("It was the best\nof times -- it, WAS!"));
        assertEquals(List.of(), Words.of(" 12, 34 ... "));
    }

    @Test
    void wordCountEmitsOnePerWordAndSumsThem() {
        WordCount app = new WordCount();
        assertEquals(List.of(new KeyValue("a", "1"), new KeyValue("b", "1"), new KeyValue("a", "1")),
                app.map("f", "a b a"));
        assertEquals("7", app.reduce("a", List.of("3", "1", "3")));
    }

    @Test
    void invertedIndexNamesEachFileOnceAndSortsThem() {
        InvertedIndex app = new InvertedIndex();
        assertEquals(List.of(new KeyValue("x", "doc1"), new KeyValue("y", "doc1")), app.map("doc1", "y x y"));
        assertEquals("2 a.txt,b.txt", app.reduce("x", List.of("b.txt", "a.txt")));
        // A file named twice is not hidden: that is how a double-counted map task shows.
        assertEquals("3 a.txt,a.txt,b.txt", app.reduce("x", List.of("a.txt", "b.txt", "a.txt")));
    }

    @Test
    void keyValueLinesParseBack() {
        KeyValue pair = new KeyValue("word", "2 a,b c");
        assertEquals(pair, KeyValue.parse(pair.line()));
        assertThrows(IllegalArgumentException.class, () -> new KeyValue("a\tb", "1"));
        assertThrows(IllegalArgumentException.class, () -> new KeyValue("a", "1\n2"));
        assertThrows(IllegalArgumentException.class, () -> KeyValue.parse("no tab here"));
    }

    @Test
    void partitionsCoverEveryReduceTaskAndAreStable() {
        int[] seen = new int[7];
        for (String word : Words.of("the quick brown fox jumps over the lazy dog again and again until dusk falls")) {
            int p = KeyValue.partition(word, 7);
            assertTrue(p >= 0 && p < 7, word + " went to partition " + p);
            assertEquals(p, KeyValue.partition(word, 7));
            seen[p]++;
        }
        assertEquals(15, java.util.Arrays.stream(seen).sum());
    }

    @Test
    void sequentialRunMapsGroupsAndReduces() {
        Map<String, String> inputs = new TreeMap<>(Map.of("b.txt", "cat dog", "a.txt", "dog dog bird"));
        assertEquals(Map.of("bird", "1", "cat", "1", "dog", "3"), Sequential.run(new WordCount(), inputs));
        assertEquals(Map.of("bird", "1 a.txt", "cat", "1 b.txt", "dog", "2 a.txt,b.txt"),
                Sequential.run(new InvertedIndex(), inputs));
    }

    @Test
    void jobNamesItsFilesUnderItsName() {
        Job job = new Job("wc", new WordCount(), List.of("in/a", "in/b", "in/c"), 2);
        assertEquals(3, job.mapTasks());
        assertEquals("wc/mr-2-1", job.intermediateFile(2, 1));
        assertEquals(List.of("wc/mr-out-0", "wc/mr-out-1"), job.outputFiles());
        assertThrows(IllegalArgumentException.class, () -> new Job("a/b", new WordCount(), List.of("x"), 1));
        assertThrows(IllegalArgumentException.class, () -> new Job("wc", new WordCount(), List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new Job("wc", new WordCount(), List.of("x"), 0));
    }
}
