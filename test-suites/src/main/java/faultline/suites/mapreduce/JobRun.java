package faultline.suites.mapreduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import faultline.framework.Address;
import faultline.framework.Command;
import faultline.framework.Result;
import faultline.framework.sim.Simulation;
import faultline.labs.mapreduce.Job;
import faultline.labs.mapreduce.JobDone;
import faultline.labs.mapreduce.Sequential;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** One submitted job: when the coordinator said it was done, and whether its output matches the sequential result. */
final class JobRun {

    private final LabCluster lab;
    final Job job;
    final SortedMap<String, String> expected;
    private volatile Result result;
    private volatile long doneAt = -1;
    /** In the simulator, the output is checked at the very moment the client hears "done". */
    private volatile List<String> problemsAtDone = List.of();

    JobRun(LabCluster lab, Job job) {
        this.lab = lab;
        this.job = job;
        SortedMap<String, String> all = new TreeMap<>(lab.corpus.contents());
        SortedMap<String, String> inputs = new TreeMap<>();
        for (String input : job.inputs()) {
            inputs.put(input, all.get(input));
        }
        this.expected = Sequential.run(job.app(), inputs);
    }

    void returned(Address client, Command command, Result returned, long invokedAt, long returnedAt) {
        doneAt = lab.cluster.now();
        if (lab.cluster instanceof Simulation) {
            problemsAtDone = problems();
        }
        result = returned;
    }

    boolean done() {
        return result != null;
    }

    long doneAt() {
        return doneAt;
    }

    /** Runs until the coordinator says the job is done, failing with {@code why} if it does not within {@code maxMillis}. */
    void awaitDone(long maxMillis, String why) {
        boolean finished = lab.cluster.runUntil(this::done, maxMillis);
        if (!finished) {
            fail("job " + job.name() + " (" + job.mapTasks() + " map tasks, " + job.reduceTasks()
                    + " reduce tasks) was not reported done within " + maxMillis + " ms: " + why);
        }
    }

    /** The coordinator said done, named the job's output files, and every output matched the sequential result then and now. */
    void assertExact() {
        assertTrue(done(), "job " + job.name() + " was never reported done");
        assertEquals(new JobDone(job.name(), job.outputFiles()), result,
                "the client should hear JobDone for " + job.name() + " naming its output files");
        assertTrue(problemsAtDone.isEmpty(), "the coordinator said job " + job.name() + " was done at " + doneAt
                + " ms, but its output was not all committed and correct at that moment: "
                + String.join("; ", problemsAtDone)
                + ". Report done only after every reduce task has committed its output.");
        List<String> problems = problems();
        assertTrue(problems.isEmpty(), "job " + job.name() + "'s output differs from the sequential result ("
                + expected.size() + " keys): " + String.join("; ", problems));
    }

    private List<String> problems() {
        return lab.storage(storage -> OutputCheck.problems(job, expected, storage::file));
    }
}
