package faultline.grader.export;

import faultline.grader.store.RunRow;
import faultline.grader.store.TestResultRow;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * A run as JUnit XML in the Ant format that CI servers read (Jenkins, GitLab, the surefire report readers): one
 * {@code testsuite} with its counts, time, timestamp and host, one {@code testcase} per test and seed, and a failure's
 * message without the sandbox's paths.
 */
public final class JUnitXml {

    /** Ant's timestamp: ISO 8601 without a zone, in UTC. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private JUnitXml() {
    }

    public static String of(String suiteName, RunRow run, List<TestResultRow> results) {
        long failures = results.stream().filter(r -> r.status().name().equals("FAILED")
                || r.status().name().equals("TIMED_OUT")).count();
        long errors = results.stream().filter(r -> r.status().name().equals("ERRORED")).count()
                + (results.isEmpty() ? 1 : 0);
        long skipped = results.stream().filter(r -> r.status().name().equals("SKIPPED")).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\""
                        + " skipped=\"%d\" time=\"%.3f\" timestamp=\"%s\" hostname=\"%s\">%n", escape(suiteName),
                Math.max(1, results.size()), failures, errors, skipped, run.elapsedMs() / 1000.0,
                TIMESTAMP.format(run.startedAt().truncatedTo(ChronoUnit.SECONDS)), escape(run.worker().isBlank() ? "localhost" : run.worker())));
        xml.append("  <properties>\n    <property name=\"verdict\" value=\"").append(run.verdict()).append("\"/>\n");
        run.suiteDigest().ifPresent(d -> xml.append("    <property name=\"suiteDigest\" value=\"").append(escape(d))
                .append("\"/>\n"));
        xml.append("  </properties>\n");
        if (results.isEmpty()) {
            xml.append("  <testcase classname=\"").append(escape(suiteName)).append("\" name=\"run\" time=\"0.000\">\n")
                    .append("    <error type=\"").append(run.verdict()).append("\" message=\"")
                    .append(escape(firstLine(ExportedMessage.of(run.message())))).append("\">")
                    .append(escape(ExportedMessage.of(run.message()))).append("</error>\n  </testcase>\n");
        }
        for (TestResultRow r : results) {
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s[seed=%d]\" time=\"%.3f\"",
                    escape(r.className()), escape(r.method()), r.seed(), r.durationMs() / 1000.0));
            switch (r.status()) {
                case PASSED -> xml.append("/>\n");
                case SKIPPED -> xml.append(">\n    <skipped message=\"").append(escape(firstLine(r.message())))
                        .append("\"/>\n  </testcase>\n");
                default -> {
                    String element = r.status().name().equals("ERRORED") ? "error" : "failure";
                    String message = ExportedMessage.of(r.message());
                    xml.append(">\n    <").append(element).append(" type=\"").append(r.status())
                            .append("\" message=\"").append(escape(firstLine(message))).append("\">")
                            .append(escape(message + "\nreplay: " + r.replay())).append("</").append(element)
                            .append(">\n  </testcase>\n");
                }
            }
        }
        xml.append("  <system-out/>\n  <system-err/>\n</testsuite>\n");
        return xml.toString();
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse("");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // XML 1.0 forbids most control characters; test output may contain them.
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
