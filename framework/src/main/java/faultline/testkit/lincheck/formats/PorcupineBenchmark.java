package faultline.testkit.lincheck.formats;

import faultline.testkit.history.History;
import faultline.testkit.lincheck.KvInput;
import faultline.testkit.lincheck.KvModel;
import faultline.testkit.lincheck.KvOutput;
import faultline.testkit.lincheck.KvStoreModel;
import faultline.testkit.lincheck.LinearizabilityChecker;
import faultline.testkit.lincheck.LinearizabilityResult;
import faultline.testkit.lincheck.RegisterModel;
import faultline.testkit.lincheck.Verdict;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Checks every history of the Porcupine corpus (Jepsen etcd register logs and key/value logs), compares each
 * verdict with the expected one, and prints timings: a cold first pass, then a warm pass over the same set.
 *
 * <p>Usage: {@code PorcupineBenchmark [corpus-dir]}, where the directory holds {@code verdicts.txt},
 * {@code jepsen/} and {@code kv/}. Exits 1 if any verdict disagrees.
 */
public final class PorcupineBenchmark {

    private static final Duration BUDGET = Duration.ofSeconds(60);
    /** The histories the upstream Go checker spends most of its time on when it checks them without a key split. */
    private static final List<String> UNSPLIT = List.of("kv/c10-ok.txt", "kv/c10-bad.txt");

    /** One corpus file, parsed, with a way to check it and the verdict its upstream tests assert. */
    private record Case(String name, Supplier<LinearizabilityResult> check, Optional<Verdict> expected) {
    }

    private PorcupineBenchmark() {
    }

    public static void main(String[] args) {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/benchmarks/porcupine");
        if (!Files.isRegularFile(corpus.resolve("verdicts.txt"))) {
            System.err.println("No Porcupine corpus at " + corpus.toAbsolutePath() + " (verdicts.txt is missing);"
                    + " pass the directory that holds verdicts.txt, jepsen/ and kv/.");
            System.exit(2);
        }
        System.exit(run(corpus, System.out) ? 0 : 1);
    }

    /** Runs the benchmark and prints its figures; returns whether every known verdict agreed. */
    public static boolean run(Path corpus, PrintStream out) {
        Map<String, Verdict> expected = expectedVerdicts(corpus.resolve("verdicts.txt"));
        List<Case> cases = cases(corpus, expected);

        Map<String, Double> coldMs = new LinkedHashMap<>();
        double coldTotal = pass(cases, coldMs, new LinkedHashMap<>());
        Map<String, Double> warmMs = new LinkedHashMap<>();
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        double warmTotal = pass(cases, warmMs, verdicts);

        int known = 0;
        int agree = 0;
        for (Case c : cases) {
            Verdict verdict = verdicts.get(c.name());
            String wanted = c.expected().map(PorcupineBenchmark::spell).orElse("none");
            if (c.expected().isPresent()) {
                known++;
                agree += c.expected().get() == verdict ? 1 : 0;
            }
            String mark = c.expected().isEmpty() || c.expected().get() == verdict ? "" : "  DISAGREES";
            out.printf(Locale.ROOT, "%-22s %-17s expected=%-17s cold_ms=%8.2f ms=%8.2f%s%n", c.name(), spell(verdict),
                    wanted, coldMs.get(c.name()), warmMs.get(c.name()), mark);
        }
        out.printf(Locale.ROOT, "verdicts_agree=%d/%d%n", agree, known);
        out.printf(Locale.ROOT, "etcd_095=%s%n", Optional.ofNullable(verdicts.get("jepsen/etcd_095.log"))
                .map(PorcupineBenchmark::spell).orElse("missing"));
        out.printf(Locale.ROOT, "cold_total_ms=%.1f%n", coldTotal);
        out.printf(Locale.ROOT, "total_ms=%.1f%n", warmTotal);

        StringBuilder unsplit = new StringBuilder("kv_unsplit");
        double unsplitTotal = 0;
        for (String name : UNSPLIT) {
            History<KvInput, KvOutput> history = KvEdnLog.read(corpus.resolve(name));
            LinearizabilityResult result = LinearizabilityChecker.check(history, new KvStoreModel(), BUDGET);
            double ms = result.elapsed().toNanos() / 1e6;
            unsplitTotal += ms;
            unsplit.append(String.format(Locale.ROOT, " %s=%s(%.1f ms)", name, spell(result.verdict()), ms));
        }
        out.printf(Locale.ROOT, "%s total_ms=%.1f%n", unsplit, unsplitTotal);
        return agree == known;
    }

    private static double pass(List<Case> cases, Map<String, Double> ms, Map<String, Verdict> verdicts) {
        double total = 0;
        for (Case c : cases) {
            LinearizabilityResult result = c.check().get();
            double elapsed = result.elapsed().toNanos() / 1e6;
            ms.put(c.name(), elapsed);
            verdicts.put(c.name(), result.verdict());
            total += elapsed;
        }
        return total;
    }

    private static List<Case> cases(Path corpus, Map<String, Verdict> expected) {
        List<Case> cases = new ArrayList<>();
        for (Path file : list(corpus.resolve("jepsen"), ".log")) {
            String name = "jepsen/" + file.getFileName();
            var history = JepsenRegisterLog.read(file);
            cases.add(new Case(name, () -> LinearizabilityChecker.check(history, new RegisterModel(), BUDGET),
                    Optional.ofNullable(expected.get(name))));
        }
        for (Path file : list(corpus.resolve("kv"), ".txt")) {
            String name = "kv/" + file.getFileName();
            var history = KvEdnLog.read(file);
            cases.add(new Case(name, () -> LinearizabilityChecker.check(history, new KvModel(), BUDGET),
                    Optional.ofNullable(expected.get(name))));
        }
        return cases;
    }

    /** Reads {@code FILE VERDICT} lines; '#' starts a comment. */
    public static Map<String, Verdict> expectedVerdicts(Path verdictsFile) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (String line : readLines(verdictsFile)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\\s+");
            if (fields.length != 2) {
                throw new LogFormatException(verdictsFile + ": expected \"FILE VERDICT\" but found: " + text);
            }
            verdicts.put(fields[0], switch (fields[1]) {
                case "linearizable" -> Verdict.LINEARIZABLE;
                case "not-linearizable" -> Verdict.NOT_LINEARIZABLE;
                default -> throw new LogFormatException(verdictsFile + ": unknown verdict \"" + fields[1]
                        + "\"; expected linearizable or not-linearizable.");
            });
        }
        return verdicts;
    }

    private static String spell(Verdict verdict) {
        return verdict.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static List<Path> list(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
