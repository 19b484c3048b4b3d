package faultline.web;

import faultline.framework.trace.TraceEvent;
import faultline.framework.trace.TraceEvent.Kind;
import faultline.framework.trace.TraceFile;
import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.queue.Lease;
import faultline.grader.queue.MutableClock;
import faultline.grader.store.ArtifactKind;
import faultline.grader.store.NewArtifact;
import faultline.grader.store.NewRun;
import faultline.grader.store.NewTestResult;
import faultline.grader.store.Role;
import faultline.grader.users.Users;
import faultline.runner.report.TestStatus;
import faultline.runner.report.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A grader over a temporary data folder with the default course, four people (two students, a TA, an
 * instructor; password {@link #PASSWORD}) and a clock inside lab 0's submission window. Grading is done by
 * hand through the real queue ({@link #grade}), so tests decide the results without a sandbox.
 */
final class Fixture implements AutoCloseable {

    static final String PASSWORD = "correct-horse-1";
    /** Hashed once per test run: Argon2 is deliberately slow. */
    static final String PASSWORD_HASH = Users.hash(PASSWORD);
    /** Four days after lab 0 (pingpong) opens: it is open, due a few days later; mapreduce is not released. */
    static final Instant START = CourseFile.defaultCourse().lab("pingpong").orElseThrow().release()
            .plus(Duration.ofDays(4));

    /** Lab 0's course file {@code Messages.java}, as the suites carry it. */
    static final String MESSAGES = "package faultline.labs.pingpong;\n\npublic final class Messages {\n}\n";

    /**
     * Suites for pingpong and mapreduce; pingpong has one course file ({@link #MESSAGES}) and one graded public test
     * ({@code PingPongTest}), as the suites jar lists them.
     */
    static final SuiteCatalog SUITES = new SuiteCatalog() {
        @Override
        public boolean hasSuite(String lab) {
            return Set.of("pingpong", "mapreduce").contains(lab);
        }

        @Override
        public SortedMap<String, byte[]> courseFiles(String lab) {
            return lab.equals("pingpong") ? new TreeMap<>(Map.of("faultline/labs/pingpong/Messages.java",
                    MESSAGES.getBytes(StandardCharsets.UTF_8))) : Collections.emptySortedMap();
        }

        @Override
        public List<String> gradedPublicTests(String lab) {
            return lab.equals("pingpong") ? List.of("faultline.labs.pingpong.PingPongTest") : List.of();
        }
    };

    final Path root;
    final MutableClock clock = new MutableClock(START);
    final Grader grader;
    final Users users;
    final Dashboard dashboard;

    Fixture() throws IOException {
        root = Files.createTempDirectory("faultline-web-test");
        grader = new Grader(new DataFolder(root), CourseFile.defaultCourse(), clock, SUITES);
        users = grader.users();
        users.addHashed("alice", "Alice Student", "", Role.STUDENT, PASSWORD_HASH, "fixture");
        users.addHashed("bob", "Bob Student", "", Role.STUDENT, PASSWORD_HASH, "fixture");
        users.addHashed("tara", "Tara TA", "", Role.TA, PASSWORD_HASH, "fixture");
        users.addHashed("ivan", "Ivan Instructor", "", Role.INSTRUCTOR, PASSWORD_HASH, "fixture");
        // Tests run in web/: the checkout, where similarity finds the labs' skeletons, is one up.
        dashboard = Dashboard.over(grader, 2, new Transport(false, false), Path.of(".."));
    }

    /** How many submissions anyone has made. */
    int submissionCount() {
        return grader.records().users().stream().mapToInt(u -> grader.records().linesOf(u.id()).size()).sum();
    }

    /** A person's API tokens, as stored. */
    List<faultline.grader.store.ApiTokenRow> tokensOf(String login) {
        return grader.signIns().tokensOf(grader.records().user(login).orElseThrow().id());
    }

    /** A valid pingpong submission as a zip. */
    static byte[] pingpongZip() {
        return labZip("pingpong");
    }

    static byte[] labZip(String lab) {
        return zip("faultline/labs/" + lab + "/Node.java", "package faultline.labs." + lab + ";\npublic class Node {}\n");
    }

    static byte[] zip(String name, String content) {
        return zip(Map.of(name, content));
    }

    /** A zip of the files by name, in name order. */
    static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
                z.putNextEntry(new ZipEntry(file.getKey()));
                z.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Submits for a user straight through the grader's intake, as staff rules (no cooldown). */
    long submit(String login, String lab) throws Exception {
        long id = grader.intake().submit(login, lab, "handin.zip", labZip(lab),
                faultline.grader.grading.Intake.Rules.STAFF).submissionId();
        clock.advance(Duration.ofMinutes(2));
        return id;
    }

    /**
     * Claims the next job and records a completed run: test "Ping#basic" (visible) passes, and
     * "PingPongTest#echoesDespiteLoss" fails on its seed with a trace file that has a send, a delivery, a drop and
     * a crash.
     */
    long gradeNext(boolean failing) throws IOException {
        return gradeNext(failing, Optional.empty());
    }

    /** Claims the next job and records that it did not compile, with the runner's message for one error. */
    long gradeNextAsCompileError() {
        Lease lease = grader.queue().claim("test-host/w1").orElseThrow();
        Instant now = clock.instant();
        grader.queue().record(lease, new NewRun(lease.owner(), Optional.of("DOCKER"), Verdict.COMPILE_ERROR,
                "The submission does not compile (1 error).\nfaultline/labs/pingpong/PingClient.java:12: cannot find symbol\n"
                        + "        return undeclared;\n               ^\n  symbol:   variable undeclared",
                now, now.plusSeconds(1), 1000, "{\"compile\":800}", 0, 0, "javac", false, List.of(), List.of()));
        clock.advance(Duration.ofSeconds(5));
        return lease.submissionId();
    }

    /** As {@link #gradeNext(boolean)}, graded with the suite whose digest is {@code suiteDigest}. */
    long gradeNext(boolean failing, Optional<String> suiteDigest) throws IOException {
        return gradeNext(failing, suiteDigest, TRACE);
    }

    /** As {@link #gradeNext(boolean, Optional)}, the failing test's trace being {@code traceJson}. */
    long gradeNext(boolean failing, Optional<String> suiteDigest, String traceJson) throws IOException {
        Lease lease = grader.queue().claim("test-host/w1").orElseThrow();
        Path dir = grader.data().artifacts().resolve("sub-" + lease.submissionId());
        Files.createDirectories(dir);
        Path trace = dir.resolve("trace-partition-1001.json");
        Files.writeString(trace, traceJson);
        List<NewTestResult> results = new ArrayList<>();
        results.add(new NewTestResult("Ping#basic", "faultline.suites.pingpong.Ping", "basic", "seed=1001",
                "Ping answers", "BASIC", 4, 1001, TestStatus.PASSED, 12, "",
                "faultline replay pingpong Ping#basic --seed 1001", "", false, null));
        // The one failing test is also in the handout (PingPongTest#echoesDespiteLoss), so students get a local
        // replay command; its message carries the replay and trace lines a real run writes inside the sandbox.
        results.add(new NewTestResult("PingPongTest#echoesDespiteLoss", "faultline.suites.pingpong.PingPongTest",
                "echoesDespiteLoss", "seed=1001", "Ping survives a partition", "BASIC", 6, 1001,
                failing ? TestStatus.FAILED : TestStatus.PASSED, 30,
                failing ? "expected a pong within 5 s but none arrived\n  seed:     1001\n  scenario: partition\n"
                        + "  replay:   faultline replay pingpong PingPongTest#echoesDespiteLoss --seed 1001\n"
                        + "  trace:    /work/out/traces/PingPongTest.echoesDespiteLoss.seed-1001.json (6 events)" : "",
                "faultline replay pingpong PingPongTest#echoesDespiteLoss --seed 1001", "output line\n", false,
                failing ? "trace-partition-1001.json" : null));
        results.add(new NewTestResult("Ping#secret", "faultline.suites.pingpong.Ping", "secret", "seed=1001",
                "Hidden robustness", "ROBUSTNESS", 5, 1001, TestStatus.PASSED, 5, "", "", "", false, null));
        double raw = 4 + (failing ? 0 : 6) + 5;
        Instant now = clock.instant();
        NewRun run = new NewRun(lease.owner(), Optional.of("LOCAL"), Verdict.COMPLETED, "The suite ran.",
                now, now.plusSeconds(3), 3000, "{\"compile\":800}", raw, 15, "runner log line", false, results,
                List.of(new NewArtifact(ArtifactKind.TRACE, grader.data().root().relativize(trace).toString(),
                        Files.size(trace))), suiteDigest);
        grader.queue().record(lease, run);
        clock.advance(Duration.ofSeconds(5));
        return lease.submissionId();
    }

    /**
     * A failing run's trace as the test kit writes it: a minute of pings every 100 ms (each with its timer, every
     * fifth pong lost), then a partition, a dropped ping, a server crash and the failed check. Drawn whole it is tens of thousands of
     * pixels tall; the failure is at its very end.
     */
    static final String TRACE = longTrace();

    /**
     * A Lab 3 run as the Paxos suite traces it: five peers' hosts and Paxos components, forty instances agreed with
     * long Promise labels (one Accept carries the value x3.49y), then two proposers at instance 40 and peers that
     * decide differently.
     */
    static final String PAXOS_TRACE = paxosTrace();

    private static String paxosTrace() {
        faultline.framework.trace.Trace trace = faultline.framework.trace.Trace.bounded(20_000);
        long id = 0;
        long t = 0;
        for (int instance = 0; instance <= 40; instance++) {
            int proposer = instance == 40 ? 3 : instance % 5;
            String value = instance == 17 ? "x3.49y" : "v" + instance;
            trace.record(new TraceEvent(t, Kind.INVOKE, "p" + proposer, "", 0, "Start(" + instance + ", \"" + value + "\")"));
            for (String phase : List.of("Prepare", "Promise", "Accept", "Accepted", "Decided")) {
                for (int peer = 0; peer < 5; peer++) {
                    if (peer == proposer) {
                        continue;
                    }
                    boolean reply = phase.equals("Promise") || phase.equals("Accepted");
                    String from = "p" + (reply ? peer : proposer) + "/paxos";
                    String to = "p" + (reply ? proposer : peer) + "/paxos";
                    String detail = switch (phase) {
                        case "Promise" -> "Promise[instance=" + instance + ", number=" + (8 + instance)
                                + ", acceptedNumber=" + (instance == 40 ? 5 : -1) + ", acceptedValue="
                                + (instance == 40 ? "\"first\"" : "null") + "]";
                        case "Accept" -> "Accept[instance=" + instance + ", number=" + (8 + instance) + ", value=\""
                                + value + "\"]";
                        default -> phase + "[instance=" + instance + ", number=" + (8 + instance) + "]";
                    };
                    trace.record(new TraceEvent(t, Kind.SEND, from, to, ++id, detail));
                    trace.record(new TraceEvent(t + 1, Kind.DELIVER, to, from, id, detail));
                    t += 2;
                }
                t += 1;
            }
        }
        java.util.Map<String, String> about = new java.util.LinkedHashMap<>();
        about.put("test", "PaxosSuite#competingProposerAdoptsAcceptedValue");
        about.put("seed", "1001");
        about.put("scenario", "p3 proposes \"second\" after p0's \"first\" was accepted by a majority");
        about.put(TraceFile.FAILURE, "peers decided differently, so Paxos is not safe: instance 40: p0 decided \"first\""
                + " but p3 decided \"second\"");
        about.put(TraceFile.FAILED_AT, Long.toString(t));
        java.io.StringWriter json = new java.io.StringWriter();
        try {
            trace.writeJson(json, about);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return json.toString();
    }

    private static String longTrace() {
        faultline.framework.trace.Trace trace = faultline.framework.trace.Trace.bounded(10_000);
        long id = 0;
        for (int i = 0; i < 600; i++) {
            long t = i * 100L;
            trace.record(new TraceEvent(t, Kind.TIMER_FIRE, "client", "", 0, "PingTick(seq=" + i + ")"));
            trace.record(new TraceEvent(t, Kind.TIMER_SET, "client", "", 0, "PingTick(seq=" + (i + 1) + ")"));
            trace.record(new TraceEvent(t, Kind.SEND, "client", "server", ++id, "Ping(" + i + ")"));
            trace.record(new TraceEvent(t + 3, Kind.DELIVER, "server", "client", id, "Ping(" + i + ")"));
            trace.record(new TraceEvent(t + 4, Kind.SEND, "server", "client", ++id, "Pong(" + i + ")"));
            // Every fifth pong is lost: a drop breaks the periodic pattern, so the chart cannot fold it all away.
            trace.record(new TraceEvent(t + 7, i % 5 == 4 ? Kind.DROP : Kind.DELIVER, "client", "server", id,
                    "Pong(" + i + ")"));
        }
        trace.record(new TraceEvent(60_000, Kind.FAULT, "", "", 0, "partition {client} | {server}"));
        trace.record(new TraceEvent(60_000, Kind.SEND, "client", "server", ++id, "Ping(600)"));
        trace.record(new TraceEvent(60_002, Kind.DROP, "client", "server", id, "Ping(600)"));
        trace.record(new TraceEvent(60_050, Kind.CRASH, "server", "", 0, ""));
        java.util.Map<String, String> about = new java.util.LinkedHashMap<>();
        about.put("test", "PingPongTest#echoesDespiteLoss");
        about.put("seed", "1001");
        about.put("scenario", "partition at 60 s");
        about.put(TraceFile.FAILURE, "expected a pong within 5 s but none arrived");
        about.put(TraceFile.FAILED_AT, "60100");
        java.io.StringWriter json = new java.io.StringWriter();
        try {
            trace.writeJson(json, about);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return json.toString();
    }

    @Override
    public void close() throws IOException {
        grader.close();
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
