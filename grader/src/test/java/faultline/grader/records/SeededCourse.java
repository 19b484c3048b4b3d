package faultline.grader.records;

import faultline.grader.course.LabConfig;
import faultline.grader.grading.Grader;
import faultline.grader.store.JobDao;
import faultline.grader.store.JobReason;
import faultline.grader.store.JobState;
import faultline.grader.store.LateStatus;
import faultline.grader.store.NewTestResult;
import faultline.grader.store.Role;
import faultline.grader.store.RunDao;
import faultline.grader.store.SubmissionDao;
import faultline.grader.store.UserDao;
import faultline.runner.report.TestStatus;
import faultline.runner.report.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A course's worth of graded submissions written straight into a grader's store, for benchmarks that need
 * thousands of them: a TA, and per student and lab a number of submissions, each graded with 8 tests x 3 seeds
 * (70% passing, from a fixed seed) and scored.
 */
public final class SeededCourse {

    /** What was seeded: the TA's id, each student's id and newest submission, and how many test results. */
    public record Seeded(long ta, List<Long> students, List<Long> lastSubmissions, int results) {
    }

    private SeededCourse() {
    }

    public static Seeded seed(Grader grader, int students, List<LabConfig> labs, int perLab, String passwordHash) {
        SplittableRandom random = new SplittableRandom(42);
        Instant now = grader.clock().instant();
        long ta = grader.db().write(h -> h.attach(UserDao.class).insert("ta", "Bench TA", "", Role.TA, passwordHash,
                now));
        List<Long> userIds = new ArrayList<>();
        List<Long> ownSubmission = new ArrayList<>();
        int results = 0;
        for (int s = 0; s < students; s++) {
            String login = String.format("student%03d", s);
            long[] last = new long[1];
            int[] count = new int[1];
            long userId = grader.db().write(h -> {
                long id = h.attach(UserDao.class).insert(login, "Student " + login, "", Role.STUDENT, passwordHash, now);
                for (LabConfig lab : labs) {
                    for (int k = 0; k < perLab; k++) {
                        Instant at = lab.due().minus(Duration.ofHours(perLab - k));
                        long sub = h.attach(SubmissionDao.class).insert(id, lab.name(), at, "hash" + id + lab.name() + k,
                                5, 4000, 0, LateStatus.ON_TIME);
                        long job = h.attach(JobDao.class).insert(sub, JobReason.SUBMISSION, 0, 3, at);
                        h.attach(JobDao.class).lease(job, "bench/w1", at, at.plusSeconds(120));
                        List<NewTestResult> tests = new ArrayList<>();
                        double raw = 0;
                        for (int t = 0; t < 8; t++) {
                            for (long seed = 1; seed <= 3; seed++) {
                                boolean pass = random.nextInt(10) < 7;
                                raw += pass ? 10.0 / 3 : 0;
                                tests.add(new NewTestResult("Suite#test" + t, "Suite", "test" + t, "Test number " + t,
                                        "What test " + t + " checks.", t < 4 ? "BASIC" : "ROBUSTNESS", 10,
                                        lab.number() * 1000L + seed, pass ? TestStatus.PASSED : TestStatus.FAILED, 40,
                                        pass ? "" : "expected agreement on instance 3 but two values were decided",
                                        "faultline replay " + lab.name() + " Suite#test" + t + " --seed " + seed,
                                        pass ? "" : "log line\n".repeat(20), false, null));
                            }
                        }
                        long run = h.attach(RunDao.class).insert(job, sub, 1, "bench/w1", null, Verdict.COMPLETED,
                                "The suite ran.", true, at, at.plusSeconds(20), 20_000, "{}", raw, 80, "log", false);
                        h.attach(RunDao.class).insertResults(run, tests);
                        h.attach(JobDao.class).finish(job, "bench/w1", JobState.DONE, run, at.plusSeconds(20));
                        last[0] = sub;
                        count[0] += tests.size();
                    }
                }
                grader.scores().rescore(h, id, "bench");
                return id;
            });
            results += count[0];
            userIds.add(userId);
            ownSubmission.add(last[0]);
        }
        return new Seeded(ta, List.copyOf(userIds), List.copyOf(ownSubmission), results);
    }
}
