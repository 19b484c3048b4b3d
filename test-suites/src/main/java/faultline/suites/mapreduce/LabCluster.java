package faultline.suites.mapreduce;

import static org.junit.jupiter.api.Assertions.fail;

import faultline.framework.Address;
import faultline.framework.cluster.Cluster;
import faultline.framework.fault.Scenario;
import faultline.framework.live.LiveCluster;
import faultline.framework.sim.Simulation;
import faultline.labs.mapreduce.Coordinator;
import faultline.labs.mapreduce.Job;
import faultline.labs.mapreduce.JobClient;
import faultline.labs.mapreduce.RunJob;
import faultline.labs.mapreduce.Storage;
import faultline.labs.mapreduce.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A MapReduce deployment on a cluster (simulated or live): the provided storage holding a corpus,
 * the student's coordinator and workers, and a job client. Only the lab's public API is used.
 */
final class LabCluster {

    static final Address STORAGE = Address.of("storage");
    static final Address COORDINATOR = Address.of("coordinator");
    static final Address CLIENT = Address.of("client");

    final Cluster cluster;
    final Corpus corpus;

    LabCluster(Cluster cluster, Corpus corpus) {
        this.cluster = cluster;
        this.corpus = corpus;
        cluster.add(STORAGE, a -> new Storage(a, corpus.files()));
        cluster.add(COORDINATOR, Coordinator::new);
        cluster.add(CLIENT, a -> new JobClient(a, COORDINATOR));
    }

    static Address worker(int i) {
        return Address.of("worker" + i);
    }

    /** Starts workers {@code worker0..worker(count-1)} at normal speed. */
    List<Address> addWorkers(int count) {
        List<Address> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            added.add(addWorker(worker(i), 1.0));
        }
        return added;
    }

    Address addWorker(Address address, double slowdown) {
        cluster.add(address, a -> new Worker(a, COORDINATOR, STORAGE, slowdown));
        return address;
    }

    /** Hands {@code job} to the client; the returned run hears when the coordinator says it is done. */
    JobRun submit(Job job) {
        return submit(CLIENT, job);
    }

    /** Adds another job client, so that several jobs can wait at the coordinator at once. */
    Address addClient(String name) {
        Address client = Address.of(name);
        cluster.add(client, a -> new JobClient(a, COORDINATOR));
        return client;
    }

    /** Hands {@code job} to {@code client}; the returned run hears when the coordinator says it is done. */
    JobRun submit(Address client, Job job) {
        JobRun run = new JobRun(this, job);
        cluster.invoke(client, new RunJob(job), run::returned);
        return run;
    }

    /** Reads the storage node's state (between events, on its own thread in the live runtime). */
    <T> T storage(Function<Storage, T> reading) {
        if (cluster instanceof Simulation simulation) {
            return reading.apply((Storage) simulation.node(STORAGE).orElseThrow());
        }
        if (cluster instanceof LiveCluster live) {
            return live.inspect(STORAGE, node -> reading.apply((Storage) node)).orElseThrow();
        }
        return fail("the MapReduce suite cannot read storage on a " + cluster.getClass().getSimpleName());
    }

    /** Crashes {@code worker} now and, if {@code restartAfter} is not negative, restarts it that much later. */
    void crash(Address worker, long restartAfter, String why) {
        Scenario.Builder scenario = Scenario.named(why).at(0).crash(worker);
        if (restartAfter >= 0) {
            scenario.at(restartAfter).restart(worker);
        }
        cluster.apply(scenario.build());
    }
}
