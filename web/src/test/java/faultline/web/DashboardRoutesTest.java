package faultline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.store.NewCalibration;
import faultline.runner.report.Verdict;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every route over the real server: who may see what, CSRF, upload limits and bad input. */
class DashboardRoutesTest {

    private Fixture fx;
    private Javalin app;

    @BeforeEach
    void setUp() throws Exception {
        fx = new Fixture();
        app = DashboardApp.create(fx.dashboard);
    }

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
    }

    private void run(ThrowingTest test) {
        JavalinTest.test(app, (server, client) -> test.run(client.getOrigin()));
    }

    interface ThrowingTest {
        void run(String origin) throws Exception;
    }

    @Test
    void signedOutVisitorsAreSentToSignIn() {
        run(origin -> {
            Browser b = new Browser(origin);
            for (String path : List.of("/labs", "/submissions/1", "/staff/scoreboard", "/tokens", "/traces/1")) {
                HttpResponse<String> r = b.get(path);
                assertEquals(303, r.statusCode(), path);
                assertEquals("/login", r.headers().firstValue("Location").orElse(""), path);
            }
            assertEquals(200, b.get("/login").statusCode());
            assertEquals("/login", b.get("/").headers().firstValue("Location").orElse(""));
        });
    }

    @Test
    void signInSetsAnHttpOnlySameSiteCookieAndWrongPasswordsAreRefused() {
        run(origin -> {
            Browser b = new Browser(origin);
            HttpResponse<String> wrong = b.signIn("alice", "not-her-password");
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.body().contains("do not match"));
            HttpResponse<String> ok = b.signIn("alice", Fixture.PASSWORD);
            assertEquals(303, ok.statusCode());
            String cookie = ok.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("fl_session="))
                    .findFirst().orElseThrow();
            assertTrue(cookie.contains("HttpOnly"), cookie);
            assertTrue(cookie.contains("SameSite=Lax"), cookie);
            assertTrue(b.get("/labs").body().contains("Late days left"));
        });
    }

    @Test
    void signInWithoutTheFormTokenIsRejected() {
        run(origin -> {
            Browser b = new Browser(origin);
            HttpResponse<String> r = b.post("/login", Map.of("login", "alice", "password", Fixture.PASSWORD));
            assertEquals(403, r.statusCode());
        });
    }

    @Test
    void repeatedFailuresLockTheAccountButNotOthers() {
        run(origin -> {
            Browser b = new Browser(origin);
            for (int i = 0; i < 5; i++) {
                assertEquals(401, b.signIn("alice", "wrong-" + i).statusCode());
            }
            HttpResponse<String> locked = b.signIn("alice", Fixture.PASSWORD);
            assertEquals(429, locked.statusCode(), "even the right password is refused while throttled");
            assertEquals(303, b.signIn("bob", Fixture.PASSWORD).statusCode());
            fx.clock.advance(Duration.ofMinutes(16));
            assertEquals(303, new Browser(origin).signIn("alice", Fixture.PASSWORD).statusCode());
        });
    }

    @Test
    void formsWithoutTheSessionsCsrfTokenAreRejected() {
        run(origin -> {
            Browser b = new Browser(origin);
            b.signIn("alice", Fixture.PASSWORD);
            HttpResponse<String> noToken = b.upload("/labs/pingpong/submissions", "files", "h.zip",
                    Fixture.pingpongZip(), false);
            assertEquals(403, noToken.statusCode());
            assertEquals(0, fx.submissionCount());
            HttpResponse<String> forged = b.post("/tokens", Map.of("csrf", "forged", "label", "x"));
            assertEquals(403, forged.statusCode());
            HttpResponse<String> logoutNoToken = b.post("/logout", Map.of());
            assertEquals(403, logoutNoToken.statusCode());
        });
    }

    @Test
    void aStudentUploadsAndFollowsTheSubmissionToItsResults() {
        run(origin -> {
            Browser b = new Browser(origin);
            b.signIn("alice", Fixture.PASSWORD);
            // With a changed copy of the course's Messages.java and a copy of the public PingPongTest of its own.
            HttpResponse<String> r = b.upload("/labs/pingpong/submissions", "files", "handin.zip", Fixture.zip(Map.of(
                    "faultline/labs/pingpong/Node.java", "package faultline.labs.pingpong;\npublic class Node {}\n",
                    "faultline/labs/pingpong/Messages.java", Fixture.MESSAGES.replace("}", "int mine;\n}"),
                    "faultline/labs/pingpong/PingPongTest.java", "package faultline.labs.pingpong;\nclass PingPongTest {}\n")),
                    true);
            assertEquals(303, r.statusCode(), r.body());
            String page = r.headers().firstValue("Location").orElseThrow();
            String told = b.get(page).body().replace("&#39;", "'");
            assertTrue(told.contains("<p>Your changed copy of faultline/labs/pingpong/Messages.java was replaced by the "
                    + "course's: it is a course file, always graded as the course wrote it."), told);
            assertTrue(told.contains("<p>Your faultline/labs/pingpong/PingPongTest.java was left out: it is named like "
                    + "the course's graded public test, and the course's own copy was graded instead."), told);
            String live = b.get(page + "/live").body();
            assertTrue(live.contains("data-state=\"QUEUED\""), live);
            assertTrue(live.contains("position 1"), live);
            assertTrue(live.contains("hx-trigger=\"every 2s\""), "a queued submission keeps polling");

            fx.gradeNext(true);
            String done = b.get(page + "/live").body();
            assertTrue(b.get(page).body().contains("PingPongTest.java was left out"), "still said once graded");
            assertTrue(done.contains("data-state=\"DONE\""), done);
            assertFalse(done.contains("hx-trigger"), "a finished submission stops polling");
            assertTrue(done.contains("id=\"status\" data-state=\"DONE\">graded</strong>"), done);
            assertTrue(done.contains("<span class=\"test-name\">echoesDespiteLoss</span>"), "rows are titled by test");
            assertFalse(done.contains("seed=1001 —"), "not by the seed's invocation name");
            assertTrue(done.contains("Ping survives a partition"));
            assertTrue(done.contains("expected a pong within 5 s"));
            assertTrue(done.contains("scenario: partition"), "the scenario stays in the failure");
            assertFalse(done.contains("/work/out/traces"), "no path inside the sandbox");
            assertFalse(done.contains("faultline replay"), "the grader's replay command is for staff");
            assertTrue(done.contains("mvn test -Dtest=PingPongTest#echoesDespiteLoss -Dfaultline.seed=1001"),
                    "a test that is public in the handout comes with its local replay command");
            assertTrue(done.contains("id=\"total\">9 / 15"), done);
            assertTrue(done.contains("<p id=\"summary\" class=\"some-failed\"><strong>1 of 3 tests failed: "
                    + "echoesDespiteLoss.</strong></p>"), done);
            assertTrue(done.indexOf("data-test=\"PingPongTest#echoesDespiteLoss\"") < done.indexOf("data-test=\"Ping#basic\""),
                    "the failing test comes first");
            assertFalse(done.contains("· visible") || done.contains("graded in the"), "no platform words for students");
            assertTrue(done.contains("graded in a local process, not isolated"), "a local run says it is not isolated");
            assertFalse(done.contains("runner log line"), "students do not get the run log");

            String traceId = done.replaceAll("(?s).*src=\"/traces/(\\d+)/chart.svg\".*", "$1");
            HttpResponse<String> svg = b.get("/traces/" + traceId + "/chart.svg");
            assertEquals(200, svg.statusCode());
            assertTrue(svg.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
            assertTrue(svg.body().contains("class=\"drop\""), "the dropped ping is drawn");
            assertTrue(svg.body().contains("CRASH"));
            assertTrue(svg.body().contains("id=\"failure\""), "the failure is marked");
            int height = Integer.parseInt(svg.body().replaceAll("(?s)^<svg[^>]*? height=\"(\\d+)\".*", "$1"));
            assertTrue(height < 1000, "the chart on the page is drawn up to its failure, not 3000 rows: " + height);

            String chartPage = b.get("/traces/" + traceId).body();
            assertTrue(chartPage.contains("id=\"jump-to-failure\""), chartPage);
            assertTrue(chartPage.contains("<script src=\"/static/trace.js\""));
            assertEquals(2, count(chartPage, "class=\"lane\""));
            String clientOnly = b.get("/traces/" + traceId + "?node=client&from=59000&to=60100").body();
            assertEquals(1, count(clientOnly, "class=\"lane\""), "filtered to one node");
            assertTrue(clientOnly.contains("Time window 59000 ms to 60100 ms"), clientOnly);
            assertEquals(400, b.get("/traces/" + traceId + "?from=soon").statusCode());

            Browser tara = new Browser(origin);
            tara.signIn("tara", Fixture.PASSWORD);
            String staffView = tara.get(page).body();
            assertTrue(staffView.contains("faultline replay pingpong PingPongTest#echoesDespiteLoss --seed 1001"));
            assertFalse(staffView.contains("/work/out/traces"));
        });
    }

    @Test
    void labsSayWhenTheyOpenAndLabsWithoutASuiteOfferNothing() {
        run(origin -> {
            fx.submit("alice", "pingpong");
            Browser alice = new Browser(origin);
            alice.signIn("alice", Fixture.PASSWORD);
            String labs = alice.get("/labs").body();
            assertTrue(labs.contains("id=\"handout-pingpong\""), "an open lab offers its handout");
            assertFalse(labs.contains("id=\"handout-mapreduce\""), "a lab not yet released offers no download");
            assertTrue(labs.contains("id=\"handout-later-mapreduce\">The handout opens 2026-09-08"), labs);
            assertTrue(labs.contains("id=\"no-suite-pbkv\""), "a lab without a suite says so");
            assertFalse(labs.contains("id=\"handout-pbkv\"") || labs.contains("id=\"submit-pbkv\""));
            assertTrue(labs.contains("<span class=\"status\">waiting in the queue</span>"), labs);
            assertTrue(labs.contains("id=\"submissions-count\">1 submission<"), labs);

            HttpResponse<String> later = alice.get("/labs/mapreduce/handout");
            assertEquals(403, later.statusCode());
            assertTrue(later.body().contains("<h1>Not released yet</h1>"), later.body());
            assertTrue(later.body().contains("Its handout opens 2026-09-08"), later.body());
            HttpResponse<String> none = alice.get("/labs/pbkv/handout");
            assertEquals(404, none.statusCode());
            assertTrue(none.body().contains("has no suite yet"), none.body());

            Browser tara = new Browser(origin);
            tara.signIn("tara", Fixture.PASSWORD);
            assertTrue(tara.get("/staff/scoreboard").body().contains("id=\"scoreboard-count\">2 students<"));
        });
    }

    @Test
    void aRejectedUploadShowsTheGradersMessage() {
        run(origin -> {
            Browser b = new Browser(origin);
            b.signIn("alice", Fixture.PASSWORD);
            HttpResponse<String> r = b.upload("/labs/pingpong/submissions", "files", "notes.zip",
                    Fixture.zip("faultline/labs/pingpong/Main.class", "cafebabe"), true);
            assertEquals(422, r.statusCode());
            assertTrue(r.body().contains("is not a Java source"), r.body());
            HttpResponse<String> garbage = b.upload("/labs/pingpong/submissions", "files", "x.zip",
                    "just text".getBytes(), true);
            assertEquals(422, garbage.statusCode());
            assertTrue(garbage.body().contains("neither a zip nor a tar.gz"));
        });
    }

    @Test
    void looseJavaFilesAreAcceptedAsASubmission() {
        run(origin -> {
            Browser b = new Browser(origin);
            b.signIn("alice", Fixture.PASSWORD);
            HttpResponse<String> r = b.upload("/labs/pingpong/submissions", "files", "Node.java",
                    "package faultline.labs.pingpong;\nclass Node {}\n".getBytes(), true);
            assertEquals(303, r.statusCode(), r.body());
        });
    }

    @Test
    void uploadsOverTheLimitAreRefusedBeforeTheyAreRead() {
        run(origin -> {
            Browser b = new Browser(origin);
            b.signIn("alice", Fixture.PASSWORD);
            // The body is never sent: the server must answer from the declared length alone.
            String answer = b.postHeadOnly("/labs/pingpong/submissions", Dashboard.DEFAULT_UPLOAD_LIMIT + 1024);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("over the limit"), answer);
        });
    }

    @Test
    void aStudentAskingForAnotherStudentsSubmissionGetsNoData() {
        run(origin -> {
            long bobs = fx.submit("bob", "pingpong");
            fx.gradeNext(true);
            Browser alice = new Browser(origin);
            alice.signIn("alice", Fixture.PASSWORD);
            for (String path : List.of("/submissions/" + bobs, "/submissions/" + bobs + "/live")) {
                HttpResponse<String> r = alice.get(path);
                assertEquals(404, r.statusCode(), path);
                assertFalse(r.body().contains("Ping survives"), path);
                assertFalse(r.body().contains("bob"), path);
            }
            long traceId = fx.grader.records().results(fx.grader.records().standingRun(bobs).orElseThrow().id())
                    .stream().filter(t -> t.traceFile().isPresent()).findFirst().orElseThrow().id();
            assertEquals(404, alice.get("/traces/" + traceId).statusCode());
            assertEquals(404, alice.get("/submissions/999999").statusCode(), "unknown looks the same as not yours");
            assertEquals(400, alice.get("/submissions/abc").statusCode());
        });
    }

    @Test
    void hiddenTestsAreWithheldAndThenTheTotalIsNotShown() {
        run(origin -> {
            long id = fx.submit("alice", "mapreduce");
            fx.gradeNext(true);
            Browser alice = new Browser(origin);
            alice.signIn("alice", Fixture.PASSWORD);
            String page = alice.get("/submissions/" + id).body();
            assertTrue(page.contains("Ping answers"), "basic tests are visible in mapreduce");
            assertFalse(page.contains("Hidden robustness"), "robustness tests wait for the due date");
            assertTrue(page.contains("id=\"total-withheld\""));
            assertFalse(page.contains("id=\"total\""));

            Browser tara = new Browser(origin);
            tara.signIn("tara", Fixture.PASSWORD);
            String staffView = tara.get("/submissions/" + id).body();
            assertTrue(staffView.contains("Hidden robustness"));
            assertTrue(staffView.contains("runner log line"), "staff read the full log");

            java.time.Instant due = fx.grader.course().lab("mapreduce").orElseThrow().due();
            fx.clock.advance(Duration.between(fx.clock.instant(), due).plusDays(1));
            alice.signIn("alice", Fixture.PASSWORD);
            String later = alice.get("/submissions/" + id).body();
            assertTrue(later.contains("Hidden robustness"), "after the due date the test is released");
        });
    }

    @Test
    void studentsCannotReachStaffPagesOrInstructorActions() {
        run(origin -> {
            Browser alice = new Browser(origin);
            alice.signIn("alice", Fixture.PASSWORD);
            for (String path : List.of("/staff/scoreboard", "/staff/scoreboard.csv", "/staff/students/bob",
                    "/staff/labs/pingpong/stats", "/staff/queue", "/staff/queue/live",
                    "/staff/labs/pingpong/similarity", "/staff/labs/pingpong/similarity/runs/1/live",
                    "/staff/similarity/1/pairs/1")) {
                assertEquals(403, alice.get(path).statusCode(), path);
            }
            assertEquals(403, alice.submitForm("/staff/labs/pingpong/regrade", Map.of()).statusCode());
            assertEquals(403, alice.submitForm("/staff/labs/pingpong/similarity", Map.of()).statusCode(),
                    "students cannot start a similarity run");
            Browser tara = new Browser(origin);
            tara.signIn("tara", Fixture.PASSWORD);
            assertEquals(403, tara.submitForm("/staff/labs/pingpong/regrade", Map.of()).statusCode(),
                    "TAs read but do not regrade");
        });
    }

    @Test
    void similarityPagesAnswerStaffWithSentencesForWhatIsNotThere() {
        run(origin -> {
            Browser tara = new Browser(origin);
            tara.signIn("tara", Fixture.PASSWORD);
            assertTrue(tara.get("/staff/labs/pingpong/similarity").body().contains("Nobody has compared this lab"));
            assertEquals(404, tara.get("/staff/labs/nolab/similarity").statusCode());
            assertEquals(404, tara.get("/staff/labs/pingpong/similarity?run=7").statusCode());
            HttpResponse<String> threshold = tara.get("/staff/labs/pingpong/similarity?threshold=lots");
            assertEquals(400, threshold.statusCode());
            assertTrue(threshold.body().contains("The threshold is a percent from 0 to 100"), threshold.body());
            assertEquals(404, tara.get("/staff/similarity/7/pairs/1").statusCode());
            assertEquals(400, tara.get("/staff/similarity/7/pairs/0").statusCode());
            assertEquals(400, tara.submitForm("/staff/labs/pingpong/similarity", Map.of("which", "worst"))
                    .statusCode());
        });
    }

    @Test
    void theScoreboardShowsNewGradesAtOnceDespiteItsCache() {
        run(origin -> {
            fx.submit("alice", "pingpong");
            fx.gradeNext(false);
            Browser tara = new Browser(origin);
            tara.signIn("tara", Fixture.PASSWORD);
            String before = tara.get("/staff/scoreboard?sort=total").body();
            assertTrue(before.indexOf(">alice<") < before.indexOf(">bob<"), "alice has points, bob none");
            assertEquals(before.replaceAll("name=\"csrf\" value=\"[^\"]*\"", ""),
                    tara.get("/staff/scoreboard?sort=total").body().replaceAll("name=\"csrf\" value=\"[^\"]*\"", ""),
                    "nothing changed, so the same board");
            assertTrue(row(before, "bob").contains("<span class=\"muted\">-</span>"), "bob has not submitted yet");
            fx.submit("bob", "pingpong");
            fx.gradeNext(false);
            String after = tara.get("/staff/scoreboard?sort=total").body();
            assertTrue(row(after, "bob").contains("<strong>10</strong>"), "bob's new grade must show at once: "
                    + row(after, "bob"));
        });
    }

    /** The scoreboard row of {@code login}. */
    private static String row(String board, String login) {
        int start = board.indexOf(">" + login + "<");
        return board.substring(start, board.indexOf("</tr>", start));
    }

    @Test
    void staffSeeTheScoreboardHistoryStatisticsAndQueue() {
        run(origin -> {
            fx.submit("alice", "pingpong");
            fx.gradeNext(false);
            fx.submit("bob", "pingpong");
            fx.gradeNext(true);
            fx.submit("bob", "pingpong");
            Browser tara = new Browser(origin);
            tara.signIn("tara", Fixture.PASSWORD);
            String board = tara.get("/staff/scoreboard?sort=total").body();
            assertTrue(board.indexOf(">alice<") < board.indexOf(">bob<"), "sorted by total, alice first");
            assertTrue(tara.get("/staff/scoreboard?q=bob").body().contains(">bob<"));
            assertFalse(tara.get("/staff/scoreboard?q=bob").body().contains(">alice<"));
            HttpResponse<String> csv = tara.get("/staff/scoreboard.csv");
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            assertTrue(csv.body().startsWith("login,name,email,pingpong,pingpong_best_pct,"), csv.body());
            assertTrue(csv.body().lines().anyMatch(l -> l.startsWith("alice,Alice Student,")
                    && l.contains(",10.00,100,100,")), csv.body());
            String canvas = tara.get("/staff/scoreboard.csv?format=canvas").body();
            assertTrue(canvas.startsWith("Student,ID,SIS User ID,SIS Login ID,Section,"), canvas);
            assertTrue(canvas.lines().anyMatch(l -> l.startsWith("Alice Student,,,alice,,10.00")), canvas);
            assertTrue(tara.get("/staff/students/bob").body().contains("Bob Student"));
            assertEquals(404, tara.get("/staff/students/nobody").statusCode());
            String stats = tara.get("/staff/labs/pingpong/stats").body();
            assertTrue(stats.contains("<svg"), "charts are drawn");
            assertTrue(stats.contains("echoesDespiteLoss"));
            assertEquals(404, tara.get("/staff/labs/nolab/stats").statusCode());
            String queue = tara.get("/staff/queue").body();
            assertTrue(queue.contains("id=\"queued-count\">1<"), queue);
        });
    }

    @Test
    void instructorsRegradeImportRostersAndPublish() {
        run(origin -> {
            long id = fx.submit("alice", "pingpong");
            fx.gradeNext(true);
            Browser ivan = new Browser(origin);
            ivan.signIn("ivan", Fixture.PASSWORD);
            assertEquals(303, ivan.submitForm("/submissions/" + id + "/regrade", Map.of()).statusCode());
            assertEquals(303, ivan.submitForm("/staff/labs/pingpong/regrade", Map.of("which", "best")).statusCode());
            assertEquals(2, fx.grader.queue().pending());
            assertEquals(400, ivan.submitForm("/staff/labs/pingpong/regrade", Map.of("which", "worst")).statusCode());
            assertEquals(303, ivan.submitForm("/staff/labs/pingpong/publish", Map.of()).statusCode());
            assertTrue(fx.dashboard.admin().published().contains("pingpong"));
            HttpResponse<String> roster = ivan.upload("/staff/roster", "roster", "roster.csv",
                    "login,name,email,role\ncarol,Carol,c@x,student\nBad Login!,x,,\n".getBytes(), true);
            assertEquals(200, roster.statusCode(), roster.body());
            assertTrue(roster.body().contains("1 added"));
            assertTrue(roster.body().contains("line 3"));
            assertTrue(fx.users.find("carol").isPresent());
        });
    }

    @Test
    void aRegradeThatChangesAGradeTellsTheStudentWhatChangedAndWhy() {
        run(origin -> {
            long id = fx.submit("alice", "pingpong");
            fx.gradeNext(true);
            Browser alice = new Browser(origin);
            alice.signIn("alice", Fixture.PASSWORD);
            assertFalse(alice.get("/submissions/" + id).body().contains("id=\"score-changes\""),
                    "a first grade is no change");
            Browser ivan = new Browser(origin);
            ivan.signIn("ivan", Fixture.PASSWORD);
            assertEquals(303, ivan.submitForm("/submissions/" + id + "/regrade", Map.of()).statusCode());
            fx.gradeNext(false);
            for (String page : List.of("/submissions/" + id, "/labs")) {
                String body = alice.get(page).body();
                assertTrue(body.contains("id=\"score-changes\""), page + ": " + body);
                assertTrue(body.contains("without a new submission (regrade of submission " + id + ")"), body);
                assertTrue(body.contains("It was graded again with the same hidden suite on the same code."), body);
                assertTrue(body.contains("PingPongTest#echoesDespiteLoss passed on 1 of 1 seeds, was 0 of 1: +6.00"
                        + " points."), body);
            }
        });
    }

    @Test
    void apiTokensAuthenticateTheJsonApiAndAreStoredHashed() {
        run(origin -> {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/tokens"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"alice\",\"password\":\"nope-nope\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, bad.statusCode());
            HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/tokens"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"alice\",\"password\":\"" + Fixture.PASSWORD
                            + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, issued.statusCode(), issued.body());
            String token = issued.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            assertFalse(fx.tokensOf("alice").get(0).tokenHash().contains(token), "only the hash is stored");

            HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/labs")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, noToken.statusCode());
            assertTrue(noToken.body().contains("\"error\""));

            HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(
                            URI.create(origin + "/api/labs/pingpong/submissions?name=h.zip"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Fixture.pingpongZip())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, submitted.statusCode(), submitted.body());
            String id = submitted.body().replaceAll(".*\"id\":(\\d+).*", "$1");
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/submissions/" + id))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(status.body().contains("\"state\":\"QUEUED\""), status.body());

            long bobs = fx.submit("bob", "pingpong");
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/submissions/" + bobs))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, other.statusCode());

            HttpResponse<String> rejected = http.send(HttpRequest.newBuilder(
                            URI.create(origin + "/api/labs/pingpong/submissions"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray("nonsense".getBytes())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(422, rejected.statusCode());
        });
    }

    @Test
    void aCompileErrorIsRedWithItsLineAndCaretAndNoTotal() {
        run(origin -> {
            Browser b = new Browser(origin);
            b.signIn("alice", Fixture.PASSWORD);
            HttpResponse<String> r = b.upload("/labs/pingpong/submissions", "files", "handin.zip",
                    Fixture.pingpongZip(), true);
            String page = r.headers().firstValue("Location").orElseThrow();
            fx.gradeNextAsCompileError();
            String done = b.get(page + "/live").body();
            assertTrue(done.contains("class=\"progress state-done not-graded\""), "red, not the green of a result: " + done);
            assertTrue(done.contains("<pre class=\"message not-graded\" id=\"run-message\">The submission does not compile"
                    + " (1 error).\nfaultline/labs/pingpong/PingClient.java:12: cannot find symbol\n"
                    + "        return undeclared;\n               ^"), done);
            assertFalse(done.contains("id=\"total\""), "no total of 0 / 0 for a run that graded nothing");
            assertFalse(done.contains("id=\"summary\""), done);
        });
    }

    @Test
    void tokensCanBeIssuedAndRevokedFromThePage() {
        run(origin -> {
            Browser b = new Browser(origin);
            b.signIn("alice", Fixture.PASSWORD);
            HttpResponse<String> r = b.submitForm("/tokens", Map.of("label", "laptop"));
            assertEquals(200, r.statusCode());
            String token = r.body().replaceAll("(?s).*id=\"token-value\">([^<]+)<.*", "$1");
            assertTrue(token.startsWith("flt_"));
            assertTrue(r.body().contains("java Submit.java --server " + origin + " --token " + token), r.body());
            assertFalse(r.body().contains("faultline submit"), "students have the handout's Submit.java, not the CLI");
            assertTrue(fx.dashboard.tokens().authenticate(token).isPresent());
            long id = fx.tokensOf("alice").get(0).id();
            assertEquals(303, b.submitForm("/tokens/" + id + "/revoke", Map.of()).statusCode());
            assertTrue(fx.dashboard.tokens().authenticate(token).isEmpty());
        });
    }

    @Test
    void signingOutEndsTheSession() {
        run(origin -> {
            Browser b = new Browser(origin);
            b.signIn("alice", Fixture.PASSWORD);
            assertEquals(303, b.submitForm("/logout", Map.of()).statusCode());
            assertEquals(303, b.get("/labs").statusCode());
        });
    }

    @Test
    void aReleasedLabsHandoutDownloadsAsAZipAndAnUnreleasedOneDoesNot() {
        run(origin -> {
            Browser b = new Browser(origin);
            b.signIn("alice", Fixture.PASSWORD);
            HttpResponse<String> zip = b.get("/labs/pingpong/handout");
            assertEquals(200, zip.statusCode(), zip.body());
            assertTrue(zip.headers().firstValue("Content-Disposition").orElse("").contains("faultline-pingpong.zip"));
            assertTrue(zip.body().startsWith("PK"));
            assertEquals(403, b.get("/labs/mapreduce/handout").statusCode(), "mapreduce is not released yet");
            assertEquals(404, b.get("/labs/nolab/handout").statusCode());
        });
    }

    @Test
    void theQueueFragmentAndTheLabsApiAnswerTheirUsers() {
        run(origin -> {
            fx.submit("bob", "pingpong");
            Browser tara = new Browser(origin);
            tara.signIn("tara", Fixture.PASSWORD);
            String live = tara.get("/staff/queue/live").body();
            assertTrue(live.contains("id=\"queued-count\">1<"), live);
            assertTrue(live.startsWith("<section"), "a fragment, not a page");
            String token = fx.dashboard.tokens().issue(faultline.web.account.Viewer.of(fx.users.find("alice")
                    .orElseThrow()), "t").token();
            HttpResponse<String> labs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(origin + "/api/labs")).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, labs.statusCode());
            assertTrue(labs.body().contains("\"name\":\"pingpong\""), labs.body());
        });
    }

    @Test
    void theQueuePageListsEveryWorkerWithItsHostWhatItGradesAndWhetherItIsStillSeen() {
        run(origin -> {
            long id = fx.submit("bob", "pingpong");
            String owner = "gradehost7:4242:w1:0badf00d";
            fx.grader.queue().announce(owner, "docker (isolated)");
            fx.grader.queue().claim(owner).orElseThrow();
            Browser tara = new Browser(origin);
            tara.signIn("tara", Fixture.PASSWORD);
            String live = tara.get("/staff/queue/live").body();
            String row = live.substring(live.indexOf("id=\"workers\""));
            row = row.substring(0, row.indexOf("</table>"));
            assertTrue(row.contains("<td>gradehost7</td>") && row.contains("pid 4242"), row);
            assertTrue(row.contains("<td>docker (isolated)</td>") && row.contains("<td>running</td>"), row);
            assertTrue(row.contains("href=\"/submissions/" + id + "\""), "what it grades now: " + row);

            fx.clock.advance(java.time.Duration.ofMinutes(2));
            String later = tara.get("/staff/queue/live").body();
            assertTrue(later.contains("not seen for 2 min"), later);
        });
    }

    @Test
    void calibrationShowsWorkersOutOfRotationAndTestsNotCountedUntilAnInstructorDecides() {
        run(origin -> {
            long id = fx.submit("alice", "pingpong");
            fx.gradeNext(true, java.util.Optional.of("suite-1"));
            String broken = "brokenhost:777:w1:cafe";
            String fine = "finehost:888:w1:beef";
            fx.grader.queue().announce(broken, "docker (isolated)");
            fx.grader.queue().announce(fine, "docker (isolated)");
            java.time.Instant now = fx.clock.instant();
            String flaky = "PingPongTest#echoesDespiteLoss";
            fx.grader.calibrations().record(new NewCalibration(fine, "finehost", "pingpong",
                    "suite-1", now.minusSeconds(9), now, 9000, Verdict.COMPLETED,
                    "The suite ran.", List.of(new NewCalibration.Outcome("Ping#basic", 1001,
                            "PASSED", ""), new NewCalibration.Outcome(flaky, 1001, "FAILED",
                            "expected a pong within 5 s but none arrived"))));
            fx.grader.calibrations().record(new NewCalibration(broken, "brokenhost",
                    "pingpong", "suite-1", now.minusSeconds(1), now, 1000,
                    Verdict.PLATFORM_ERROR, "The sandbox could not grade the reference: "
                    + "the Docker engine did not answer", List.of()));

            // The student reads that the failure is not counted, and the total keeps its points.
            Browser alice = new Browser(origin);
            alice.signIn("alice", Fixture.PASSWORD);
            String page = alice.get("/submissions/" + id).body();
            assertTrue(page.contains("<mark class=\"not-counted\">not counted</mark>"), page);
            assertTrue(page.contains("the reference solution failed this test too"), page);
            assertTrue(page.contains("(0 of 1 seed passed"), page);
            assertTrue(page.contains("id=\"total\">15 / 15 (9 before the failures that are not counted)<"), page);

            // Staff read which worker is out and why, and the evidence against the flagged test.
            Browser tara = new Browser(origin);
            tara.signIn("tara", Fixture.PASSWORD);
            String queue = tara.get("/staff/queue").body();
            String workers = queue.substring(queue.indexOf("id=\"workers\""));
            workers = workers.substring(0, workers.indexOf("</table>"));
            String brokenRow = workers.substring(workers.indexOf("data-worker=\"" + broken + "\""));
            brokenRow = brokenRow.substring(0, brokenRow.indexOf("</tr>"));
            assertTrue(brokenRow.contains("<strong>out of rotation</strong>: its reference run of pingpong did not "
                    + "complete (PLATFORM_ERROR: The sandbox could not grade the reference: the Docker engine did not "
                    + "answer), so this host cannot grade pingpong now"), brokenRow);
            String fineRow = workers.substring(workers.indexOf("data-worker=\"" + fine + "\""));
            assertFalse(fineRow.substring(0, fineRow.indexOf("</tr>")).contains("out of rotation"), fineRow);
            String flagged = queue.substring(queue.indexOf("id=\"flagged\""));
            flagged = flagged.substring(0, flagged.indexOf("</table>"));
            assertTrue(flagged.contains(flaky) && flagged.contains("worker pid 888 on finehost, seed 1001: failed — "
                    + "expected a pong within 5 s but none arrived") && flagged.contains("not counted until staff "
                    + "decide"), flagged);
            assertFalse(flagged.contains("count-it"), "a TA reads but does not decide");
            assertTrue(queue.contains("id=\"calibrations\""), queue);
            assertEquals(403, tara.submitForm("/staff/flags/decide", Map.of("lab", "pingpong", "suite", "suite-1",
                    "test", flaky, "decision", "count")).statusCode());

            Browser ivan = new Browser(origin);
            ivan.signIn("ivan", Fixture.PASSWORD);
            assertTrue(ivan.get("/staff/queue").body().contains("Put back in rotation"));
            assertEquals(403, ivan.post("/staff/workers/return", Map.of("worker", broken)).statusCode(),
                    "no CSRF token, no action");
            assertTrue(fx.grader.calibrations().outOfRotation(broken).isPresent());
            assertEquals(303, ivan.submitForm("/staff/workers/return", Map.of("worker", broken)).statusCode());
            assertTrue(fx.grader.calibrations().outOfRotation(broken).isEmpty());
            assertFalse(tara.get("/staff/queue/live").body().contains("out of rotation"));

            // "Count it": the failure costs its points again; "never count it": excused again. Both audited.
            assertEquals(303, ivan.submitForm("/staff/flags/decide", Map.of("lab", "pingpong", "suite", "suite-1",
                    "test", flaky, "decision", "count")).statusCode());
            String counted = alice.get("/submissions/" + id).body();
            assertFalse(counted.contains("not-counted"), counted);
            assertTrue(counted.contains("id=\"total\">9 / 15<"), counted);
            assertTrue(tara.get("/staff/queue").body().contains("counted: ivan decided the test is sound"));
            assertEquals(303, ivan.submitForm("/staff/flags/decide", Map.of("lab", "pingpong", "suite", "suite-1",
                    "test", flaky, "decision", "never")).statusCode());
            assertTrue(alice.get("/submissions/" + id).body().contains("<mark class=\"not-counted\">not counted"));
            long alicesId = fx.grader.records().user("alice").orElseThrow().id();
            assertEquals(15.0, fx.grader.records().currentScore(alicesId, "pingpong").orElseThrow().rawPoints(), 1e-9);
            assertEquals(400, ivan.submitForm("/staff/flags/decide", Map.of("lab", "pingpong", "suite", "suite-1",
                    "test", flaky, "decision", "maybe")).statusCode());
            List<String> actions = fx.grader.records().auditLog().stream().filter(e -> e.actor().equals("ivan"))
                    .map(e -> e.action()).toList();
            assertEquals(List.of("worker back in rotation", "flag decided", "rescore", "flag decided", "rescore"),
                    actions);
        });
    }

    @Test
    void unknownPagesAnswer404WithASentence() {
        run(origin -> {
            HttpResponse<String> r = new Browser(origin).get("/no/such/page");
            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains("There is no page at /no/such/page"), r.body());
        });
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
