package faultline.grader.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import faultline.grader.course.LabConfig;
import faultline.grader.course.Visibility;
import faultline.grader.scoring.RunScore;
import faultline.grader.scoring.TestScore;
import faultline.grader.store.RunRow;
import faultline.grader.store.TestResultRow;
import java.util.List;
import java.util.Locale;

/**
 * A run as Gradescope's results.json: {@code score}, {@code execution_time}, {@code output},
 * {@code stdout_visibility} and {@code tests[]} with name, number, score, max_score, status, output, tags
 * and visibility. Each test is named by its id ({@code Class#method}); its output lists its seeds with what replays
 * a failure, without the sandbox's paths.
 */
public final class GradescopeResults {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GradescopeResults() {
    }

    public static ObjectNode of(RunRow run, List<TestResultRow> results, LabConfig lab) {
        RunScore score = RunScore.ofRows(results);
        ObjectNode root = JSON.createObjectNode();
        root.put("score", round(score.rawPoints()));
        root.put("execution_time", Math.round(run.elapsedMs() / 1000.0));
        root.put("output", run.verdict() + ": " + run.message());
        root.put("stdout_visibility", "hidden");
        ArrayNode tests = root.putArray("tests");
        int number = 1;
        for (TestScore t : score.tests()) {
            ObjectNode test = tests.addObject();
            test.put("name", t.testId());
            test.put("number", String.valueOf(number++));
            test.put("score", round(t.points()));
            test.put("max_score", t.maxPoints());
            test.put("status", t.passedAll() ? "passed" : "failed");
            StringBuilder output = new StringBuilder(t.description()).append('\n');
            output.append(String.format(Locale.ROOT, "Passed on %d of %d seeds.%n", t.seedsPassed(), t.seedsRun()));
            for (TestScore.SeedOutcome s : t.seeds()) {
                output.append("seed ").append(s.seed()).append(": ").append(s.status().toLowerCase(Locale.ROOT));
                if (!s.status().equals("PASSED") && !s.message().isBlank()) {
                    output.append(" - ").append(ExportedMessage.of(s.message())).append("\n  replay: ").append(s.replay());
                }
                output.append('\n');
            }
            test.put("output", output.toString().strip());
            test.putArray("tags").add(t.category().toLowerCase(Locale.ROOT));
            Visibility v = lab.visibilityOf(t.testId(), t.category());
            test.put("visibility", v.key());
        }
        return root;
    }

    public static String json(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double points) {
        return Math.round(points * 100) / 100.0;
    }
}
