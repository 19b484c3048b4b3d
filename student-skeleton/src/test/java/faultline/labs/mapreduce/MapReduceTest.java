package faultline.labs.mapreduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.framework.Address;
import faultline.framework.Result;
import faultline.framework.sim.Simulation;
import faultline.testkit.junit.Category;
import faultline.testkit.junit.Description;
import faultline.testkit.junit.Points;
import faultline.testkit.junit.SeededTest;
import faultline.testkit.junit.TestCategory;
import faultline.testkit.junit.TestRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Lab 1's public tests: small jobs with no faults. The graded suite adds crashing, stalling and
 * returning workers, lost and duplicated messages, and checks that "done" is only said when true.
 */
class MapReduceTest {

    private static final Address STORAGE = Address.of("storage");
    private static final Address COORDINATOR = Address.of("coordinator");
    private static final Address CLIENT = Address.of("client");

    private static final Map<String, List<String>> BOOKS = Map.of(
            "a.txt", List.of("the quick brown fox", "jumps over the lazy dog"),
            "b.txt", List.of("the dog sleeps", "the fox runs"),
            "c.txt", List.of("a lazy afternoon", "quick quick quick"));

    /** Runs {@code job} on {@code workers} workers and returns the job's output as key to value. */
    private static SortedMap<String, String> run(Simulation sim, Job job, int workers) {
        sim.add(STORAGE, a -> new Storage(a, BOOKS));
        sim.add(COORDINATOR, Coordinator::new);
        sim.add(CLIENT, a -> new JobClient(a, COORDINATOR));
        for (int i = 0; i < workers; i++) {
            sim.add(Address.of("worker" + i), a -> new Worker(a, COORDINATOR, STORAGE, 1.0));
        }
        List<Result> answers = new ArrayList<>();
        sim.invoke(CLIENT, new RunJob(job), (client, command, result, invokedAt, returnedAt) -> answers.add(result));
        assertTrue(sim.runUntil(() -> !answers.isEmpty(), 30_000), "job " + job.name() + " was not reported done"
                + " within 30 s of simulated time: do workers ask for tasks, and does the coordinator hand out"
                + " every map task, then every reduce task, and answer the client when all are done?");
        assertEquals(new JobDone(job.name(), job.outputFiles()), answers.get(0));
        Storage storage = (Storage) sim.node(STORAGE).orElseThrow();
        SortedMap<String, String> output = new TreeMap<>();
        for (String file : job.outputFiles()) {
            List<String> lines = storage.file(file).orElseThrow(() -> new AssertionError("output " + file
                    + " is missing"));
            for (String line : lines) {
                KeyValue pair = KeyValue.parse(line);
                assertEquals(null, output.put(pair.key(), pair.value()), "key " + pair.key() + " is output twice");
            }
        }
        return output;
    }

    private static Map<String, String> inputs() {
        Map<String, String> inputs = new TreeMap<>();
        BOOKS.forEach((name, lines) -> inputs.put(name, String.join("\n", lines)));
        return inputs;
    }

    @SeededTest
    @Points(2)
    @Category(TestCategory.BASIC)
    @Description("Word count with a single worker: the output equals the sequential word count.")
    void wordCountOneWorker(TestRun test) {
        Job job = new Job("count", new WordCount(), List.copyOf(new TreeMap<>(BOOKS).keySet()), 2);
        assertEquals(Sequential.run(new WordCount(), inputs()), run(test.simulation(), job, 1));
    }

    @SeededTest
    @Points(2)
    @Category(TestCategory.BASIC)
    @Description("An inverted index with three workers: the output equals the sequential index.")
    void invertedIndexThreeWorkers(TestRun test) {
        Job job = new Job("index", new InvertedIndex(), List.copyOf(new TreeMap<>(BOOKS).keySet()), 3);
        assertEquals(Sequential.run(new InvertedIndex(), inputs()), run(test.simulation(), job, 3));
    }
}
