package faultline.suites.mapreduce;

import static faultline.suites.mapreduce.LabCluster.COORDINATOR;
import static faultline.suites.mapreduce.LabCluster.worker;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import faultline.framework.Address;
import faultline.framework.fault.Delay;
import faultline.framework.fault.Links;
import faultline.framework.fault.Scenario;
import faultline.framework.cluster.Cluster;
import faultline.framework.live.LiveCluster;
import faultline.framework.sim.Simulation;
import faultline.labs.mapreduce.InvertedIndex;
import faultline.labs.mapreduce.Job;
import faultline.labs.mapreduce.WordCount;
import faultline.labs.mapreduce.Worker;
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
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Lab 1's graded suite. Every job's committed output must equal the sequential result exactly, and
 * must already be complete at the moment the coordinator says the job is done.
 */
public class MapReduceSuite {

    private static Job wordCount(String name, Corpus corpus, int reduceTasks) {
        return new Job(name, new WordCount(), corpus.names(), reduceTasks);
    }

    @SeededTest
    @Points(8)
    @Category(TestCategory.BASIC)
    @Description("Word count with one worker and no faults: the output files must hold exactly the sequential counts.")
    void wordCountWithOneWorker(TestRun test) {
        LabCluster lab = new LabCluster(test.simulation(), Corpus.generate(test.seed(), "books", 6, 10, 10));
        lab.addWorkers(1);
        JobRun run = lab.submit(wordCount("wc", lab.corpus, 3));
        run.awaitDone(30_000, "with one worker and no faults, does the worker ask for tasks, and does the"
                + " coordinator hand out every map and then every reduce task and tell the client when all are done?");
        run.assertExact();
    }

    @SeededTest
    @Points(8)
    @Category(TestCategory.BASIC)
    @Description("An inverted index with three workers: each word must list exactly the files it occurs in.")
    void invertedIndex(TestRun test) {
        LabCluster lab = new LabCluster(test.simulation(), Corpus.generate(test.seed(), "docs", 8, 8, 10));
        lab.addWorkers(3);
        JobRun run = lab.submit(new Job("index", new InvertedIndex(), lab.corpus.names(), 4));
        run.awaitDone(30_000, "three workers and no faults should finish an 8-map, 4-reduce job in well under a second");
        run.assertExact();
    }

    @SeededTest
    @Points(10)
    @Category(TestCategory.BASIC)
    @Description("100 map tasks and 50 reduce tasks over 100 files with five workers: the output must equal the"
            + " sequential result exactly (every key in the right reduce task, every intermediate file read).")
    void manyMapAndReduceTasks(TestRun test) {
        LabCluster lab = new LabCluster(test.simulation(), Corpus.generate(test.seed(), "big", 100, 5, 12));
        lab.addWorkers(5);
        JobRun run = lab.submit(wordCount("big", lab.corpus, 50));
        run.awaitDone(120_000, "a 100-map, 50-reduce job with five reliable workers takes about 15 s of simulated time");
        run.assertExact();
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.CONCURRENCY)
    @Description("Tasks run in parallel: with four workers asking for work, every worker must commit some task's output.")
    void everyWorkerDoesSomeWork(TestRun test) {
        LabCluster lab = new LabCluster(test.simulation(), Corpus.generate(test.seed(), "books", 16, 8, 10));
        List<Address> workers = lab.addWorkers(4);
        JobRun run = lab.submit(wordCount("wc", lab.corpus, 4));
        run.awaitDone(30_000, "four reliable workers should finish a 16-map job quickly");
        run.assertExact();
        for (Address worker : workers) {
            int commits = lab.storage(s -> s.commits(worker));
            assertTrue(commits > 0, worker + " committed no task output although it asked for work from the start:"
                    + " hand a task to every worker that asks while tasks remain, instead of waiting for one worker.");
        }
    }

    @SeededTest
    @Points(10)
    @Category(TestCategory.CRASH)
    @Description("A worker dies for good while writing a task's output: its task must be handed to another worker"
            + " and the job must still finish with the exact result.")
    void oneWorkerFailure(TestRun test) {
        LabCluster lab = new LabCluster(test.simulation(), Corpus.generate(test.seed(), "books", 12, 10, 10));
        lab.addWorkers(3);
        JobRun run = lab.submit(wordCount("wc", lab.corpus, 4));
        Address victim = worker(1);
        lab.cluster.runUntil(() -> run.done()
                || lab.storage(s -> s.commits(victim) >= 1 && s.appendsSinceCommit(victim) >= 1), 30_000);
        if (run.done()) {
            fail("the job finished before " + victim + " committed one task and started writing another:"
                    + " every worker that asks should get tasks while any remain");
        }
        lab.crash(victim, -1, victim + " dies for good in the middle of writing a task's output");
        run.awaitDone(30_000, victim + " died holding a task; does the coordinator hand a task to another worker"
                + " when its worker has not reported back within a timeout?");
        run.assertExact();
    }

    @SeededTest
    @Points(12)
    @Category(TestCategory.CRASH)
    @Description("Workers keep dying for good and new ones keep joining throughout the job: tasks of dead workers"
            + " must be handed out again, new workers must get work, and the result must be exact.")
    void manyFailuresAndNewWorkers(TestRun test) {
        Simulation sim = test.simulation();
        LabCluster lab = new LabCluster(sim, Corpus.generate(test.seed(), "books", 60, 8, 10));
        for (int i = 0; i < 8; i++) {
            lab.addWorker(worker(i), 1.0);
        }
        SplittableRandom random = new SplittableRandom(test.seed());
        Scenario.Builder churn = Scenario.named("workers die for good and new ones join");
        for (int i = 3; i < 8; i++) {
            churn.at(0).crash(worker(i)); // not started yet: they join below
        }
        int[] dying = {0, 1, 3, 2, 4, 5};
        for (int step = 0; step < dying.length; step++) {
            churn.at(250 + 300L * step + random.nextInt(100)).crash(worker(dying[step]));
        }
        for (int joining = 3; joining < 8; joining++) {
            churn.at(300L * (joining - 2) + random.nextInt(100)).restart(worker(joining));
        }
        sim.apply(churn.build());
        JobRun run = lab.submit(wordCount("wc", lab.corpus, 10));
        run.awaitDone(60_000, "with workers dying every 300 ms and new ones joining, does the coordinator hand out"
                + " again the tasks of workers that stopped reporting, and give work to workers that joined late?");
        run.assertExact();
    }

    @SeededTest
    @Points(12)
    @Category(TestCategory.CRASH)
    @Description("Workers crash in the middle of writing their output and restart: no task's output may be counted"
            + " twice or half. Write to temporary files and commit them in one Storage.Commit before reporting done.")
    void noOutputHalfWrittenOrCountedTwice(TestRun test) {
        Simulation sim = test.simulation();
        LabCluster lab = new LabCluster(sim, Corpus.generate(test.seed(), "books", 20, 12, 10));
        List<Address> workers = lab.addWorkers(4);
        JobRun run = lab.submit(wordCount("wc", lab.corpus, 5));
        SplittableRandom random = new SplittableRandom(test.seed() * 31 + 1);
        Map<Address, Integer> baseline = new TreeMap<>();
        Map<Address, Long> upAgainAt = new TreeMap<>();
        int crashes = 0;
        while (!run.done() && crashes < 6) {
            int appends = 1 + random.nextInt(3);
            List<Address> midWrite = new ArrayList<>();
            sim.runUntil(() -> {
                if (run.done()) {
                    return true;
                }
                for (Address w : workers) {
                    if (sim.now() >= upAgainAt.getOrDefault(w, 0L) && lab.storage(s -> s.appendsSinceCommit(w) >= 1
                            && s.appends(w) >= baseline.getOrDefault(w, 0) + appends)) {
                        midWrite.add(w);
                        return true;
                    }
                }
                return false;
            }, 30_000);
            if (midWrite.isEmpty()) {
                break;
            }
            Address victim = midWrite.get(0);
            lab.crash(victim, 150, victim + " crashes after " + appends + " appends of a task's output, restarts 150 ms later");
            baseline.put(victim, lab.storage(s -> s.appends(victim)));
            upAgainAt.put(victim, sim.now() + 151);
            crashes++;
        }
        run.awaitDone(60_000, "after workers crashed mid-write and restarted, does the coordinator hand their"
                + " tasks out again, and do restarted workers ask for work?");
        assertTrue(crashes >= 2, "only " + crashes + " crash(es) landed in the middle of a write before the job"
                + " finished; workers should write each task's output with Storage.Append and Storage.Commit");
        run.assertExact();
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.BASIC)
    @Description("The coordinator tells the client a job is done only once all its output is committed, and then"
            + " runs the next job submitted: both jobs' results must be exact.")
    void coordinatorSaysDoneOnlyWhenCommitted(TestRun test) {
        Corpus books = Corpus.generate(test.seed(), "books", 10, 10, 10);
        Corpus docs = Corpus.generate(test.seed() + 1, "docs", 6, 6, 10);
        LabCluster lab = new LabCluster(test.simulation(), books.and(docs));
        lab.addWorkers(2);
        lab.addWorker(worker(2), 8.0); // a slow worker, so the last reduce tasks finish late
        JobRun first = lab.submit(wordCount("wc", books, 3));
        first.awaitDone(30_000, "does the coordinator send JobFinished to the client once the last reduce task"
                + " has reported done?");
        first.assertExact();
        JobRun second = lab.submit(new Job("index", new InvertedIndex(), docs.names(), 2));
        second.awaitDone(30_000, "after the first job, does the coordinator start the next job it is given?");
        second.assertExact();
    }

    @SeededTest
    @Points(10)
    @Category(TestCategory.PERFORMANCE)
    @Description("A worker 300 times slower than the others (slow machine, slow links) must not hold up the job:"
            + " near the end of each phase, hand backup attempts of the tasks still running to idle workers.")
    void stragglersGetBackupTasks(TestRun test) {
        long normal = jobMillis(test, false);
        long withStraggler = jobMillis(test, true);
        long bound = 2 * normal + 400;
        assertTrue(withStraggler <= bound, "with a straggler the job took " + withStraggler + " ms, against "
                + normal + " ms without it (allowed: " + bound + " ms). A task held by a slow worker should get a"
                + " backup attempt on an idle worker once no other task is waiting; whichever attempt finishes first counts.");
    }

    /** How long a 12-map, 3-reduce word count takes on three normal workers, plus a straggler if asked. */
    private static long jobMillis(TestRun test, boolean straggler) {
        Simulation sim = test.simulation();
        LabCluster lab = new LabCluster(sim, Corpus.generate(test.seed(), "books", 12, 12, 10));
        JobRun run = lab.submit(wordCount("wc", lab.corpus, 3));
        sim.runFor(10); // the job is in before any worker asks, so the straggler's first request gets a task
        Address slow = worker(3);
        if (straggler) {
            sim.apply(Scenario.named("worker3 is a straggler: 300x slower, with slow links")
                    .at(0).delay(Delay.between(40, 60), Links.to(slow))
                    .at(0).delay(Delay.between(40, 60), Links.from(slow))
                    .build());
            sim.runFor(1);
            lab.addWorker(slow, 300.0);
        }
        lab.addWorkers(3);
        run.awaitDone(60_000, "the job should finish even with one very slow worker");
        run.assertExact();
        if (straggler) {
            assertTrue(lab.storage(s -> s.reads(slow)) > 0, slow + " (the straggler) was never handed a task although"
                    + " it asked from the start: hand a task to every worker that asks while tasks remain.");
        }
        return run.doneAt() - 10;
    }

    /**
     * The slowdown that makes every task take at least {@code millis} to compute, even one with no input.
     */
    private static double slowdownForAtLeast(long millis) {
        return Math.ceil((double) millis / Worker.workMillis(0, 1.0));
    }

    @SeededTest
    @Points(8)
    @Category(TestCategory.CRASH)
    @Description("Every worker is slower than the coordinator's re-issue timeout (each task takes at least 6 s):"
            + " the job must still finish, so a report from an attempt that the coordinator had given up on is"
            + " real, committed work and must count.")
    void everyWorkerSlowerThanTheTimeout(TestRun test) {
        LabCluster lab = new LabCluster(test.simulation(), Corpus.generate(test.seed(), "books", 4, 4, 8));
        double slowdown = slowdownForAtLeast(6_000);
        for (int i = 0; i < 3; i++) {
            lab.addWorker(worker(i), slowdown);
        }
        JobRun run = lab.submit(wordCount("wc", lab.corpus, 2));
        run.awaitDone(300_000, "every task takes over 6 s on these workers, longer than a usual re-issue timeout,"
                + " so every attempt is overdue when it reports. An overdue attempt that reports has still committed"
                + " its output: count the first report of each task, however late, instead of waiting for an"
                + " attempt that finishes in time (none ever will).");
        run.assertExact();
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.BASIC)
    @Description("A job with 12 reduce tasks over a text of three distinct words, one input file empty: most"
            + " partitions are empty, and every output file must still exist (empty ones too).")
    void emptyPartitionsStillHaveOutputFiles(TestRun test) {
        SplittableRandom random = new SplittableRandom(test.seed());
        SortedMap<String, List<String>> files = new TreeMap<>();
        String[] words = {"ka", "lo", "mi"};
        for (int f = 0; f < 3; f++) {
            List<String> lines = new ArrayList<>();
            for (int l = 0; l < 3; l++) {
                lines.add(words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)]);
            }
            files.put(String.format("few/pg-%03d.txt", f), List.copyOf(lines));
        }
        files.put("few/pg-003.txt", List.of()); // an empty input: its map task emits nothing at all
        LabCluster lab = new LabCluster(test.simulation(), new Corpus(files));
        lab.addWorkers(3);
        JobRun run = lab.submit(wordCount("few", lab.corpus, 12));
        run.awaitDone(30_000, "a job whose partitions are mostly empty must finish like any other: does every map"
                + " task write (and commit) all of its intermediate files, empty ones included, and can a reduce task"
                + " with nothing to read still commit an empty output file?");
        run.assertExact();
    }

    @SeededTest
    @Points(8)
    @Category(TestCategory.BASIC)
    @Description("Three jobs of different shapes wait at the coordinator at once and run one after another: each"
            + " must give its exact result, so nothing of one job (its tasks, attempts or reports) may leak into the"
            + " next.")
    void severalJobsInARowShareNoState(TestRun test) {
        Corpus books = Corpus.generate(test.seed(), "books", 6, 6, 10);
        Corpus docs = Corpus.generate(test.seed() + 1, "docs", 10, 4, 10);
        Corpus more = Corpus.generate(test.seed() + 2, "more", 4, 6, 10);
        LabCluster lab = new LabCluster(test.simulation(), books.and(docs).and(more));
        for (int i = 0; i < 3; i++) {
            lab.addWorker(worker(i), 20.0); // tasks take a while, so idle workers ask again before a new job moves on
        }
        Address second = lab.addClient("client2");
        Address third = lab.addClient("client3");
        JobRun first = lab.submit(wordCount("first", books, 8));
        JobRun next = lab.submit(second, new Job("second", new InvertedIndex(), docs.names(), 3));
        JobRun last = lab.submit(third, wordCount("third", books.and(more), 5));
        for (JobRun run : List.of(first, next, last)) {
            run.awaitDone(60_000, "three jobs were submitted at once: does the coordinator queue the jobs it is"
                    + " given and start the next as soon as one is done?");
        }
        for (JobRun run : List.of(first, next, last)) {
            run.assertExact();
        }
    }

    @SeededTest
    @Points(8)
    @Category(TestCategory.UNRELIABLE)
    @Description("With 20% of messages lost, 20% duplicated and some delayed by up to 300 ms, the job must still"
            + " produce the exact result: resend requests until answered and make every step safe to repeat.")
    void unreliableNetwork(TestRun test) {
        Simulation sim = test.simulation();
        LabCluster lab = new LabCluster(sim, Corpus.generate(test.seed(), "books", 16, 8, 10));
        lab.addWorkers(4);
        sim.apply(Scenario.named("lossy, duplicating network with a long tail")
                .at(0).drop(0.2)
                .at(0).duplicate(0.2)
                .at(0).delay(Delay.between(1, 10).withTail(0.1, 300))
                .build());
        JobRun run = lab.submit(wordCount("wc", lab.corpus, 4));
        run.awaitDone(120_000, "with lost messages, does every worker and the coordinator resend until answered?");
        run.assertExact();
    }

    @SeededTest
    @Points(6)
    @Category(TestCategory.UNRELIABLE)
    @Description("Most messages to the coordinator arrive twice, some late: a task reported done twice is still"
            + " one task, so the reduce phase starts only after every map task, and done means done.")
    void duplicateReportsNotDoubleCounted(TestRun test) {
        Simulation sim = test.simulation();
        LabCluster lab = new LabCluster(sim, Corpus.generate(test.seed(), "books", 16, 8, 10));
        lab.addWorkers(3);
        sim.apply(Scenario.named("messages to the coordinator duplicated and reordered")
                .at(0).duplicate(0.7, Links.to(COORDINATOR))
                .at(0).delay(Delay.between(1, 5).withTail(0.3, 150), Links.to(COORDINATOR))
                .build());
        JobRun run = lab.submit(wordCount("wc", lab.corpus, 4));
        run.awaitDone(60_000, "with duplicated reports, does the coordinator still finish the job?");
        run.assertExact();
    }

    @SeededTest
    @Points(4)
    @Category(TestCategory.UNRELIABLE)
    @Description("In the live runtime over real TCP sockets, with 5% of messages lost, a small job must give the"
            + " exact result: nothing may depend on the simulator's timing." + TestRun.LIVE_RULE)
    void smallJobOverTcp(TestRun test) {
        Cluster live = test.live(LiveCluster::overTcp);
        LabCluster lab = new LabCluster(live, Corpus.generate(test.seed(), "books", 4, 6, 8));
        lab.addWorkers(2);
        live.apply(Scenario.named("5% of messages lost").at(0).drop(0.05).build());
        JobRun run = lab.submit(wordCount("wc", lab.corpus, 2));
        run.awaitDone(10_000, "a 4-map job over loopback TCP should take well under a second");
        run.assertExact();
    }
}
