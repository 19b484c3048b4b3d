package faultline.grader.export;

import faultline.grader.store.RunRow;
import faultline.grader.store.TestResultRow;
import java.util.List;
import java.util.Locale;

/** A run as JUnit XML (one testcase per test and seed), for CI dashboards that read surefire reports. */
public final class JUnitXml {

    private JUnitXml() {
    }

    public static String of(String suiteName, RunRow run, List<TestResultRow> results) {
        long failures = results.stream().filter(r -> r.status().name().equals("FAILED")
                || r.status().name().equals("TIMED_OUT")).count();
        long errors = results.stream().filter(r -> r.status().name().equals("ERRORED")).count();
        long skipped = results.stream().filter(r -> r.status().name().equals("SKIPPED")).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT,
                "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">%n",
                escape(suiteName), results.size(), failures, errors, skipped, run.elapsedMs() / 1000.0));
        if (results.isEmpty()) {
            xml.append("  <testcase classname=\"").append(escape(suiteName)).append("\" name=\"run\">\n")
                    .append("    <error type=\"").append(run.verdict()).append("\" message=\"")
                    .append(escape(run.message())).append("\"/>\n  </testcase>\n");
        }
        for (TestResultRow r : results) {
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s[seed=%d]\" time=\"%.3f\"",
                    escape(r.className()), escape(r.method()), r.seed(), r.durationMs() / 1000.0));
            switch (r.status()) {
                case PASSED -> xml.append("/>\n");
                case SKIPPED -> xml.append(">\n    <skipped/>\n  </testcase>\n");
                default -> xml.append(">\n    <").append(r.status().name().equals("ERRORED") ? "error" : "failure")
                        .append(" type=\"").append(r.status()).append("\" message=\"").append(escape(r.message()))
                        .append("\">").append(escape("replay: " + r.replay())).append("</")
                        .append(r.status().name().equals("ERRORED") ? "error" : "failure").append(">\n  </testcase>\n");
            }
        }
        xml.append("</testsuite>\n");
        return xml.toString();
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
