package faultline.grader.similarity;

import faultline.grader.course.CourseFile;
import faultline.grader.grading.DataFolder;
import faultline.grader.grading.Grader;
import faultline.grader.grading.Intake;
import faultline.grader.grading.Regrade;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.queue.MutableClock;
import faultline.grader.records.SimilarityRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * How long a similarity run of pbkv takes: N students (default 300) each hand in the reference changed by a seeded
 * random disguise (some names changed, comments dropped or kept, about a fifth of the simple statements of
 * PBServer, ViewService and Clerk left out), all stored in a fresh SQLite database; then one run compares them as
 * {@code faultline similarity pbkv --min 50} does, and the wall time is printed, split into collecting the
 * submissions, parsing them and comparing every pair plus storing the result. Run by bench/similarity.sh.
 */
public final class SimilarityBench {

    private static final Pattern SIMPLE_STATEMENT = Pattern.compile("^\\s+[^{}]*;\\s*$");
    private static final Pattern ENDS_STATEMENT = Pattern.compile("^(.*[;{}]\\s*|\\s*|\\s*(//|\\*|/\\*).*)$");
    private static final List<String> NAMES = List.of("view", "stateView", "readyView", "forwarding", "forwardId",
            "acknowledged", "clientId", "sequence", "current", "supersededBy", "primary", "backup", "store");

    private SimilarityBench() {
    }

    public static void main(String[] args) throws Exception {
        int students = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path home = Path.of(args.length > 1 ? args[1] : ".");
        Path work = Files.createTempDirectory("faultline-similarity-bench");
        MutableClock clock = new MutableClock(CourseFile.defaultCourse().lab("pbkv").orElseThrow().release()
                .plus(Duration.ofDays(1)));
        try (Grader grader = new Grader(new DataFolder(work.resolve("data")), CourseFile.defaultCourse(), clock,
                SuiteCatalog.of(Set.of("pbkv")))) {
            Path reference = home.resolve("reference-impl/src/main/java/faultline/labs/pbkv");
            for (int i = 0; i < students; i++) {
                String login = String.format("student%03d", i);
                Random random = new Random(i);
                Map<String, String> names = new LinkedHashMap<>();
                for (String name : NAMES) {
                    if (random.nextBoolean()) {
                        names.put(name, name + "_" + i);
                    }
                }
                boolean stripComments = random.nextBoolean();
                Path folder = work.resolve("handins").resolve(login);
                Copies.copy(reference, folder.resolve("faultline/labs/pbkv"), s -> {
                    String text = stripComments ? Copies.withoutComments(s) : s;
                    return names.isEmpty() ? dropStatements(text, random) : dropStatements(Copies.renamed(text, names),
                            random);
                });
                grader.users().ensureStudent(login, "bench");
                grader.intake().submit(login, "pbkv", folder, Intake.Rules.STAFF);
                clock.advance(Duration.ofSeconds(1));
            }
            System.out.printf("stored %d generated pbkv submissions%n", students);

            Similarity similarity = new Similarity(grader, HandedOut.referenceIn(home));
            SimilarityRecords.Settings settings = new SimilarityRecords.Settings("pbkv", Regrade.Which.LATEST, 50,
                    Optional.empty());
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            long started = System.nanoTime();
            long id = similarity.begin(settings, "bench");
            CompletableFuture<SimilarityRecords.Run> run = CompletableFuture.supplyAsync(
                    () -> similarity.complete(id, settings));
            long parsingFrom = 0;
            long comparingFrom = 0;
            while (!run.isDone()) {
                String phase = grader.similarity().run(id).orElseThrow().phase();
                long now = System.nanoTime();
                if (parsingFrom == 0 && phase.startsWith("Parsing")) {
                    parsingFrom = now;
                }
                if (comparingFrom == 0 && phase.startsWith("Comparing")) {
                    comparingFrom = now;
                }
                Thread.sleep(50);
            }
            long ended = System.nanoTime();
            long cpu = os.getProcessCpuTime() - cpuBefore;
            SimilarityRecords.Run done = run.get();
            if (done.state() != SimilarityRecords.State.DONE) {
                throw new IllegalStateException("The run failed: " + done.message());
            }
            List<SimilarityRecords.Pair> pairs = grader.similarity().pairs(id, 0);
            System.out.printf("cores=%d submissions=%d pairs_compared=%d pairs_kept(>=50%%)=%d top=%s%n",
                    Runtime.getRuntime().availableProcessors(), done.submissions(), done.comparisons(), pairs.size(),
                    pairs.isEmpty() ? "-" : Similarity.percent(pairs.get(0).percent()));
            System.out.printf("collect_s=%.1f parse_s=%.1f compare_and_store_s=%.1f%n", seconds(parsingFrom - started),
                    seconds(comparingFrom - parsingFrom), seconds(ended - comparingFrom));
            System.out.printf("total_s=%.1f (target: under 60 s for 300 submissions) process_cpu_s=%.1f load_average=%.1f"
                    + "%n", seconds(ended - started), seconds(cpu), os.getSystemLoadAverage());
            System.out.println(done.message());
        } finally {
            try (var walk = Files.walk(work)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Leaves out about a fifth of the one-line statements that can go without breaking the syntax. */
    private static String dropStatements(String source, Random random) {
        List<String> kept = new ArrayList<>();
        String previous = "";
        for (String line : source.split("\n", -1)) {
            boolean droppable = SIMPLE_STATEMENT.matcher(line).matches() && ENDS_STATEMENT.matcher(previous).matches()
                    && count(line, '(') == count(line, ')') && !line.strip().startsWith("return")
                    && !line.strip().startsWith("case") && !line.strip().startsWith("default");
            if (!(droppable && random.nextInt(5) == 0)) {
                kept.add(line);
            }
            previous = line;
        }
        return String.join("\n", kept);
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
