package faultline.labs.mapreduce;

import java.io.Serializable;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A MapReduce job: run {@code app} over the {@code inputs} (names of files in {@link Storage}), one
 * map task per input file and {@code reduceTasks} reduce tasks. Its files live under the job's
 * {@code name}: map task m writes {@code name/mr-m-r} for every reduce task r, and reduce task r
 * writes {@code name/mr-out-r}.
 */
public record Job(String name, MapReduceApp app, List<String> inputs, int reduceTasks) implements Serializable {

    public Job {
        if (name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("A job's name is non-blank and has no '/': \"" + name + "\"");
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("Job " + name + " needs at least one input file");
        }
        if (reduceTasks < 1) {
            throw new IllegalArgumentException("Job " + name + " needs at least one reduce task, not " + reduceTasks);
        }
        inputs = List.copyOf(inputs);
    }

    /** Short, so that traces of task hand-outs stay readable. */
    @Override
    public String toString() {
        return "Job[" + name + ", " + inputs.size() + " inputs, " + reduceTasks + " reduce tasks]";
    }

    public int mapTasks() {
        return inputs.size();
    }

    /** The file map task {@code map} writes for reduce task {@code reduce}. */
    public String intermediateFile(int map, int reduce) {
        return name + "/mr-" + map + "-" + reduce;
    }

    /** The file reduce task {@code reduce} writes: part of the job's output. */
    public String outputFile(int reduce) {
        return name + "/mr-out-" + reduce;
    }

    /** Every output file, in reduce-task order. */
    public List<String> outputFiles() {
        return IntStream.range(0, reduceTasks).mapToObj(this::outputFile).toList();
    }
}
