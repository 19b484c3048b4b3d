package faultline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faultline.web.account.Viewer;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One rule for every place a student sees points: a total is shown only when every test in it is released.
 * Mapreduce's robustness tests wait for the due date, so until then a mapreduce grade's total must not appear
 * on the lab card, in {@code /api/labs}, in the submission history, on the submission page or in its API.
 */
class ScoreVisibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The history table's points cell of one submission. */
    private static final String HISTORY_ROW = "<a href=\"/submissions/%d\">%d</a></td>(.*?)</tr>";

    private Fixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new Fixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
    }

    @Test
    void noTotalIsShownToAStudentAnywhereWhileATestOfItIsWithheld() {
        JavalinTest.test(DashboardApp.create(fx.dashboard), (server, client) -> {
            long id = fx.submit("alice", "mapreduce");
            fx.gradeNext(true); // 4 + 0 + 5 hidden = 9 of 15 raw, 60 of the lab's 100
            String token = fx.dashboard.tokens().issue(Viewer.of(fx.users.find("alice").orElseThrow()), "t").token();
            Browser alice = new Browser(client.getOrigin());
            alice.signIn("alice", Fixture.PASSWORD);

            String labs = alice.get("/labs").body();
            String card = card(labs);
            assertFalse(card.contains("60"), card);
            assertTrue(card.contains("withheld until every test"), card);
            assertFalse(historyPoints(labs, id).contains("15"), "the history line shows no points: " + labs);
            JsonNode apiLab = lab(api(client.getOrigin(), "/api/labs", token));
            assertFalse(apiLab.path("score").asText().contains("60"), apiLab.toString());

            JsonNode apiPage = api(client.getOrigin(), "/api/submissions/" + id, token);
            assertFalse(apiPage.path("totalShown").asBoolean());
            assertEquals("", apiPage.path("total").asText());
            assertEquals(1, apiPage.path("withheld").asInt());
            assertFalse(apiPage.toString().contains("Hidden robustness"));
            assertTrue(apiPage.path("message").asText().contains("1 test(s) are not released yet"),
                    "the run's own summary counts the withheld test: " + apiPage.path("message"));

            // Staff see the whole grade meanwhile.
            Browser tara = new Browser(client.getOrigin());
            tara.signIn("tara", Fixture.PASSWORD);
            assertTrue(tara.get("/submissions/" + id).body().contains("id=\"total\""));

            Instant due = fx.grader.course().lab("mapreduce").orElseThrow().due();
            fx.clock.advance(Duration.between(fx.clock.instant(), due).plusDays(1));
            alice.signIn("alice", Fixture.PASSWORD);
            String released = alice.get("/labs").body();
            assertTrue(card(released).contains("60 / 100"), card(released));
            assertTrue(historyPoints(released, id).contains("9 / 15"), historyPoints(released, id));
            assertTrue(lab(api(client.getOrigin(), "/api/labs", token)).path("score").asText().startsWith("60 / 100"));
            assertTrue(api(client.getOrigin(), "/api/submissions/" + id, token).path("totalShown").asBoolean());
        });
    }

    @Test
    void aLabWhoseTestsAreAllVisibleShowsItsTotalAtOnce() {
        JavalinTest.test(DashboardApp.create(fx.dashboard), (server, client) -> {
            long id = fx.submit("alice", "pingpong");
            fx.gradeNext(true);
            Browser alice = new Browser(client.getOrigin());
            alice.signIn("alice", Fixture.PASSWORD);
            String labs = alice.get("/labs").body();
            assertTrue(historyPoints(labs, id).contains("9 / 15"), historyPoints(labs, id));
            assertTrue(alice.get("/submissions/" + id).body().contains("id=\"total\""));
        });
    }

    private static String card(String labsPage) {
        int start = labsPage.indexOf("id=\"lab-mapreduce\"");
        return labsPage.substring(start, labsPage.indexOf("</article>", start));
    }

    private static String historyPoints(String labsPage, long id) {
        Matcher m = Pattern.compile(String.format(HISTORY_ROW, id, id), Pattern.DOTALL).matcher(labsPage);
        assertTrue(m.find(), "submission " + id + " is in the history");
        return m.group(1);
    }

    private static JsonNode lab(JsonNode labs) {
        for (JsonNode lab : labs) {
            if (lab.path("name").asText().equals("mapreduce")) {
                return lab;
            }
        }
        throw new AssertionError("no mapreduce in " + labs);
    }

    private static JsonNode api(String origin, String path, String token) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(origin + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
