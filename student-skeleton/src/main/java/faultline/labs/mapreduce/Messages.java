package faultline.labs.mapreduce;

import faultline.framework.Message;
import java.util.List;

/** Asks the coordinator to run {@code job}; the client repeats it until {@link JobFinished} comes. */
record SubmitJob(Job job) implements Message {
}

/** The coordinator's word that {@code job} is finished and its output committed to {@code outputFiles}. */
record JobFinished(String job, List<String> outputFiles) implements Message {
    JobFinished {
        outputFiles = List.copyOf(outputFiles);
    }
}

/**
 * A worker asking for work. {@code session} tells one incarnation of the worker from the next (it
 * is drawn afresh when a worker starts), and {@code finishedAttempt} reports the last attempt this
 * incarnation finished and committed, or -1 for none. Repeating it is harmless.
 */
record RequestTask(long session, long finishedAttempt) implements Message {
}

/** One attempt at a task, for the worker incarnation {@code session}. */
record AssignTask(Task task, long session) implements Message {
}

/** Nothing to do now; ask again later. */
record NoTask() implements Message {
}

/** A map or reduce task; {@code attempt} is unique to this hand-out, so every attempt writes its own temporary files. */
sealed interface Task extends java.io.Serializable permits MapTask, ReduceTask {
    Job job();

    int index();

    long attempt();
}

/** Map the job's input file {@code index} into one intermediate file per reduce task. */
record MapTask(Job job, int index, long attempt) implements Task {
    @Override
    public String toString() {
        return "MapTask[" + job.name() + " #" + index + ", attempt " + attempt + "]";
    }
}

/** Reduce every map task's intermediate file for partition {@code index} into one output file. */
record ReduceTask(Job job, int index, long attempt) implements Task {
    @Override
    public String toString() {
        return "ReduceTask[" + job.name() + " #" + index + ", attempt " + attempt + "]";
    }
}
