package faultline.web.bench;

import faultline.grader.course.CourseFile;
import faultline.grader.course.LabConfig;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.records.SeededCourse;
import faultline.grader.store.Role;
import faultline.grader.users.Users;
import faultline.web.Dashboard;
import faultline.web.DashboardApp;
import faultline.web.account.SessionStore;
import faultline.web.account.Secrets;
import faultline.web.account.Viewer;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seeds students x labs x submissions with per-test results, then has concurrent clients load the TA
 * scoreboard and students' own submission pages for a fixed time, and prints requests/s, p50 and p99.
 * Arguments: students labs submissions clients seconds [--serve TARGETS_FILE]. With --serve it loads nothing
 * itself: it writes one line per target ("board|page PATH COOKIE") to the file, prints "ready ORIGIN" and
 * serves until its standard input closes, so that an external load generator (wrk, in bench/dashboard.sh)
 * measures the server without sharing its JVM.
 */
public final class DashboardBench {

    private DashboardBench() {
    }

    public static void main(String[] args) throws Exception {
        int students = arg(args, 0, 300);
        int labCount = arg(args, 1, 4);
        int perLab = arg(args, 2, 10);
        int clients = arg(args, 3, 32);
        int seconds = arg(args, 4, 20);
        Path root = Files.createTempDirectory("faultline-dashboard-bench");
        Clock clock = Clock.systemUTC();
        Grader grader = new Grader(new DataFolder(root), CourseFile.defaultCourse(), clock, SuiteCatalog.of(Set.of()));
        List<LabConfig> labs = grader.course().labs().subList(0, Math.min(labCount, grader.course().labs().size()));
        long seedStart = System.nanoTime();
        String hash = Users.hash("bench-password");
        SeededCourse.Seeded seeded = SeededCourse.seed(grader, students, labs, perLab, hash);
        long ta = seeded.ta();
        List<Long> userIds = seeded.students();
        List<Long> ownSubmission = seeded.lastSubmissions();
        int results = seeded.results();
        System.out.printf("seeded %d students x %d labs x %d submissions (%d test results) in %.1f s%n", students,
                labs.size(), perLab, results, (System.nanoTime() - seedStart) / 1e9);

        Dashboard dashboard = Dashboard.over(grader, 2, false);
        Javalin app = DashboardApp.create(dashboard).start("127.0.0.1", 0);
        SessionStore sessions = new SessionStore(grader.signIns(), clock, new Secrets(new SecureRandom()));
        String taCookie = sessions.open(new Viewer(ta, "ta", "Bench TA", Role.TA)).cookieSecret();
        List<String> studentCookies = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            studentCookies.add(sessions.open(new Viewer(userIds.get(i), String.format("student%03d", i), "", Role.STUDENT))
                    .cookieSecret());
        }
        String base = "http://127.0.0.1:" + app.port();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        // Warm up: templates compiled, JIT started, caches filled.
        for (int i = 0; i < 30; i++) {
            get(http, base + "/staff/scoreboard", taCookie);
            get(http, base + "/submissions/" + ownSubmission.get(i % students), studentCookies.get(i % students));
        }

        if (args.length > 6 && args[5].equals("--serve")) {
            List<String> targets = new ArrayList<>();
            targets.add("board /staff/scoreboard " + taCookie);
            for (int i = 0; i < students; i++) {
                targets.add("page /submissions/" + ownSubmission.get(i) + " " + studentCookies.get(i));
            }
            Files.write(Path.of(args[6]), targets);
            System.out.println("ready " + base);
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the load generator's script closes our input
            }
            app.stop();
            grader.close();
            return;
        }

        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                SplittableRandom r = new SplittableRandom(client);
                List<long[]> mine = new ArrayList<>();
                while (System.nanoTime() < end) {
                    boolean board = r.nextBoolean();
                    int s = r.nextInt(students);
                    long start = System.nanoTime();
                    int status = board ? get(http, base + "/staff/scoreboard", taCookie)
                            : get(http, base + "/submissions/" + ownSubmission.get(s), studentCookies.get(s));
                    long took = System.nanoTime() - start;
                    if (status != 200) {
                        errors.incrementAndGet();
                    }
                    mine.add(new long[]{board ? 0 : 1, took});
                }
                samples.addAll(mine);
                done.countDown();
            }, "bench-client-" + c);
            t.start();
        }
        done.await();
        app.stop();
        report("all", samples.stream().mapToLong(x -> x[1]).toArray(), seconds, errors.get());
        report("scoreboard (300 students)", samples.stream().filter(x -> x[0] == 0).mapToLong(x -> x[1]).toArray(),
                seconds, -1);
        report("submission page", samples.stream().filter(x -> x[0] == 1).mapToLong(x -> x[1]).toArray(), seconds, -1);
        grader.close();
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void report(String what, long[] nanos, int seconds, int errors) {
        Arrays.sort(nanos);
        double p50 = nanos.length == 0 ? 0 : nanos[nanos.length / 2] / 1e6;
        double p99 = nanos.length == 0 ? 0 : nanos[Math.min(nanos.length - 1, (int) (nanos.length * 0.99))] / 1e6;
        System.out.printf("%-28s %7d requests  %8.1f req/s  p50 %6.1f ms  p99 %6.1f ms%s%n", what, nanos.length,
                nanos.length / (double) seconds, p50, p99, errors >= 0 ? "  errors " + errors : "");
    }

    private static int get(HttpClient http, String url, String cookie) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", "fl_session=" + cookie).GET()
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
