package faultline.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faultline.grader.grading.SandboxFactory;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.queue.MutableClock;
import faultline.grader.store.Database;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2025-10-01T12:00:00Z"));
    StringWriter out;
    StringWriter err;

    int run(SandboxFactory sandboxes, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.builder(new PrintWriter(out), new PrintWriter(err))
                .env(Map.of("FAULTLINE_DATA", dir.resolve("data").toString()))
                .clock(clock)
                .sandboxes(sandboxes)
                .suites(SuiteCatalog.of(Set.of("pbkv", "pingpong")))
                .build().execute(args);
    }

    int run(String... args) {
        return run(FakeSandbox.factory(), args);
    }

    Path handin(String name, String body) throws Exception {
        Path root = dir.resolve("handins").resolve(name);
        Path pkg = Files.createDirectories(root.resolve("faultline/labs/pbkv"));
        Files.writeString(pkg.resolve("PBServer.java"), "package faultline.labs.pbkv;\nclass PBServer { /* " + body + " */ }\n");
        return root;
    }

    /** Every command path below {@code command}, as the words typed after {@code faultline}. */
    private static java.util.List<java.util.List<String>> commandPaths(picocli.CommandLine command,
            java.util.List<String> path) {
        java.util.List<java.util.List<String>> paths = new java.util.ArrayList<>();
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            java.util.List<String> longer = new java.util.ArrayList<>(path);
            longer.add(name);
            paths.addAll(commandPaths(sub, longer));
        });
        return paths;
    }

    @Test
    void everyCommandAnswersHelpWithItsUsageAndExitsZero() {
        picocli.CommandLine cli = Cli.builder(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .build();
        java.util.List<java.util.List<String>> paths = commandPaths(cli, java.util.List.of());
        assertTrue(paths.size() > 12, "commands found: " + paths);
        for (java.util.List<String> path : paths) {
            java.util.List<String> args = new java.util.ArrayList<>(path);
            args.add("--help");
            assertEquals(0, run(args.toArray(String[]::new)), args + ": " + err);
            assertTrue(out.toString().contains("Usage: faultline" + (path.isEmpty() ? "" : " " + String.join(" ", path))),
                    args + ": " + out);
            if (!path.isEmpty() && !path.get(0).equals("help")) {
                assertEquals(0, run("help", path.get(0)), "help " + path.get(0) + ": " + err);
                assertTrue(out.toString().startsWith("Usage: faultline " + path.get(0)), out.toString());
            }
        }
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().options().stream()
                .filter(option -> !option.hidden())
                .forEach(option -> assertTrue(option.description().length > 0
                        && !String.join("", option.description()).isBlank(), sub.getCommandName() + " "
                        + option.longestName() + " has no description")));
    }

    @Test
    void theCommandListGivesEachCommandsFirstSentenceWhole() {
        assertEquals(0, run("--help"));
        String flat = out.toString().replaceAll("\\s+", " ");
        assertTrue(flat.contains("export Export grades: csv (the gradebook of all students and labs, as the"
                + " dashboard's scoreboard download), canvas and moodle (the gradebook as those systems' CSV grade"
                + " import reads it), gradescope (results.json) and junit (JUnit XML) of one submission (--submission"
                + " ID) or of every student's counted submission of a lab (--lab LAB --out DIR, one file per student"
                + " named by login). similarity "), flat);
        assertTrue(flat.contains("help Display help information about the specified command."), flat);
        assertEquals("One.", Cli.firstSentence(new String[] {"One. Two,", "three."}));
        assertEquals("One line, then a second.", Cli.firstSentence(new String[] {"One line,", "then a second."}));
    }

    @Test
    void aWorkerRefusesASqliteDatabaseAndSaysToServeWithWorkersInstead() throws Exception {
        Path serversOwn = dir.resolve("server-data/faultline.db");
        assertEquals(2, run("worker", "--db", "jdbc:sqlite:" + serversOwn, "--until-empty"));
        assertTrue(err.toString().startsWith("A worker grades from a PostgreSQL database shared by several hosts, not "
                + "from a SQLite file: jdbc:sqlite:" + serversOwn), err.toString());
        assertTrue(err.toString().contains("To grade on this machine, run `faultline serve --workers N` over that "
                + "data folder"), err.toString());
        assertTrue(!Files.exists(serversOwn), "the database was not even opened");
        assertEquals("", out.toString(), "no worker started");
    }

    @Test
    void gradePrintsATableAndExitsZeroWhenEverythingPasses() throws Exception {
        assertEquals(0, run("grade", "pbkv", handin("alice", "good").toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("FakeSuite#b"), text);
        assertTrue(text.contains("2001:ok 2002:ok 2003:ok"), text);
        assertTrue(text.contains("Tests: 16.00 of 16.00 points"), text);
        assertTrue(text.contains("Lab score: 100.00 of 100"), text);
    }

    @Test
    void gradeExitsOneWhenATestFailsOnASeedAndEarnsTheFraction() throws Exception {
        assertEquals(1, run("grade", "pbkv", handin("bob", "FLAKY").toString()));
        String text = out.toString();
        assertTrue(text.contains("2002:FAIL"), text);
        assertTrue(text.contains("4.00 / 6"), text);
        assertTrue(text.contains("replay: faultline replay --seed 2002"), text);
    }

    @Test
    void gradeExitsTwoForAnErrorVerdictOrARejection() throws Exception {
        assertEquals(2, run("grade", "pbkv", handin("carol", "BROKEN").toString()));
        assertTrue(out.toString().contains("COMPILE_ERROR"), out.toString());
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("notes.bin"), "x");
        assertEquals(2, run("grade", "pbkv", bad.toString()));
        assertTrue(err.toString().contains("not a Java source"), err.toString());
    }

    @Test
    void gradeNamesLabsThatCannotBeGraded() throws Exception {
        assertEquals(2, run("grade", "shardkv", handin("dan", "x").toString()));
        assertTrue(err.toString().contains("has no hidden test suite"), err.toString());
        assertEquals(2, run("grade", "nosuch", handin("dan", "x").toString()));
        assertTrue(err.toString().contains("Labs are: pingpong, mapreduce, pbkv, paxoskv, shardkv"), err.toString());
    }

    @Test
    void gradeExitsThreeWhenNoSandboxCanBeHadAndDoesNotChargeTheStudent() throws Exception {
        assertEquals(3, run(Sandboxes.unavailable(), "grade", "pbkv", handin("erin", "x").toString()));
        assertTrue(out.toString().contains("PLATFORM_ERROR"), out.toString());
        assertTrue(out.toString().contains("does not count against"), out.toString());
    }

    @Test
    void batchRegradeAndExportWorkTogether() throws Exception {
        handin("alice", "good");
        handin("bob", "FLAKY");
        handin("carol", "BROKEN");
        Path folder = dir.resolve("handins");
        assertEquals(0, run("batch", "--workers", "2", "--no-progress", "pbkv", folder.toString()), err.toString());
        assertTrue(out.toString().contains("COMPLETED        2"), out.toString());
        assertTrue(out.toString().contains("COMPILE_ERROR    1"), out.toString());
        // Running the same batch again stores and grades nothing new.
        assertEquals(0, run("batch", "--no-progress", "pbkv", folder.toString()));
        Database db = Database.open(dir.resolve("data/faultline.db"));
        assertEquals(Integer.valueOf(3), db.read(h -> h.createQuery("SELECT COUNT(*) FROM submissions").mapTo(Integer.class).one()));

        assertEquals(0, run("export", "--format", "csv"));
        String csv = out.toString();
        assertTrue(csv.startsWith("login,name,email,pingpong,pingpong_best_pct,"), csv);
        assertTrue(csv.contains("\nalice,alice,,,,,0,0,,,,0,0,100.00,100,100,0,1,,,,0,0,,,,0,0,100.00\n"), csv);
        assertTrue(csv.contains("\nbob,bob,,,,,0,0,,,,0,0,87.50,88,88,0,1,,,,0,0,,,,0,0,87.50\n"), csv);

        // bob fixes nothing, but a regrade with the same sources gives the same score: no change, history kept.
        assertEquals(0, run("regrade", "pbkv", "--student", "bob"));
        assertTrue(out.toString().contains("0 score(s) changed, 1 unchanged"), out.toString());

        long bobsSubmission = db.read(h -> h.createQuery("SELECT s.id FROM submissions s JOIN users u ON u.id = s.user_id "
                + "WHERE u.login = 'bob'").mapTo(Long.class).one());
        assertEquals(0, run("export", "--format", "gradescope", "--submission", String.valueOf(bobsSubmission)));
        String json = out.toString();
        assertTrue(json.contains("\"score\" : 14.0"), json);
        assertTrue(json.contains("\"visibility\" : \"visible\""), json);
        assertTrue(json.contains("\"max_score\" : 6"), json);
        assertEquals(0, run("export", "--format", "junit", "--submission", String.valueOf(bobsSubmission)));
        assertTrue(out.toString().contains("<failure type=\"FAILED\" message=\"expected 1 but was 2\">"), out.toString());
    }

    @Test
    void regradeShowsWhatChangedAndKeepsTheOldScore() throws Exception {
        Path bob = handin("bob", "FLAKY");
        assertEquals(1, run("grade", "--student", "bob", "pbkv", bob.toString()));
        // The suite is fixed: the fake sandbox now passes the same sources.
        Files.writeString(bob.resolve("faultline/labs/pbkv/PBServer.java"), "package faultline.labs.pbkv; class PBServer {}");
        Database db = Database.open(dir.resolve("data/faultline.db"));
        db.write(h -> h.execute("UPDATE runs SET raw_points = raw_points - 10 WHERE is_final = 1"));
        assertEquals(0, run("regrade", "pbkv", "--scores-only"));
        assertTrue(out.toString().matches("(?s).*bob\\s+pbkv: 87.50 -> 25.00/100 \\(-62.50; submission 1 -> 1\\).*"), out.toString());
        assertEquals(Integer.valueOf(2), db.read(h -> h.createQuery("SELECT COUNT(*) FROM scores").mapTo(Integer.class).one()));
    }

    @Test
    void usersAddAndImportARoster() throws Exception {
        assertEquals(0, run("users", "add", "prof", "--role", "instructor", "--name", "Prof"));
        Path roster = Files.writeString(dir.resolve("roster.csv"), "login,name,email,role\nann,Ann,ann@x.edu,student\n"
                + "Bad Login,x,y,student\nprof,Prof X,p@x.edu,instructor\n");
        assertEquals(2, run("users", "import", roster.toString()));
        assertTrue(out.toString().contains("1 added, 1 updated"), out.toString());
        assertTrue(out.toString().contains("line 3"), out.toString());
        assertEquals(0, run("users", "list"));
        assertTrue(out.toString().contains("prof                 instructor   Prof X"), out.toString());
    }

    /**
     * Alice passes, Bob fails a test on a seed; their stored results then carry what the real runner writes: a display
     * name "seed=N" and a failure's trace line with a sandbox path.
     */
    private void gradeTwoStudentsForExport() throws Exception {
        assertEquals(0, run("users", "add", "alice", "--name", "Alice Liddell", "--email", "alice@uni.example"));
        assertEquals(0, run("users", "add", "bob", "--name", "Bob, Jr.", "--email", "bob@uni.example"));
        handin("alice", "good");
        handin("bob", "FLAKY");
        assertEquals(0, run("batch", "--no-progress", "pbkv", dir.resolve("handins").toString()), err.toString());
        Database.open(dir.resolve("data/faultline.db")).write(h -> h.execute("UPDATE test_results SET"
                + " display_name = 'seed=' || seed, message = CASE WHEN message = '' THEN '' ELSE message || char(10)"
                + " || '  trace:    /work/out/traces/' || method || '.seed-' || seed || '.json (40 events)' END"));
    }

    @Test
    void theGradebookHasOneShapeAndTheLmsShapesFollowTheirImportFormats() throws Exception {
        gradeTwoStudentsForExport();
        assertEquals(0, run("export", "--format", "csv"));
        List<String> csv = out.toString().lines().toList();
        assertEquals("login,name,email,pingpong,pingpong_best_pct,pingpong_latest_pct,pingpong_late_days,"
                + "pingpong_submissions,mapreduce,mapreduce_best_pct,mapreduce_latest_pct,mapreduce_late_days,"
                + "mapreduce_submissions,pbkv,pbkv_best_pct,pbkv_latest_pct,pbkv_late_days,pbkv_submissions,paxoskv,"
                + "paxoskv_best_pct,paxoskv_latest_pct,paxoskv_late_days,paxoskv_submissions,shardkv,shardkv_best_pct,"
                + "shardkv_latest_pct,shardkv_late_days,shardkv_submissions,total", csv.get(0));
        assertEquals("bob,\"Bob, Jr.\",bob@uni.example,,,,0,0,,,,0,0,87.50,88,88,0,1,,,,0,0,,,,0,0,87.50", csv.get(2));

        assertEquals(0, run("export", "--format", "canvas"));
        List<String> canvas = out.toString().lines().toList();
        assertEquals("Student,ID,SIS User ID,SIS Login ID,Section,Lab 0: Ping-pong (getting started),Lab 1: MapReduce,"
                + "Lab 2: Primary/backup key/value service,Lab 3: Paxos-based key/value service,"
                + "Lab 4: Sharded key/value service", canvas.get(0));
        assertTrue(canvas.get(1).startsWith("    Points Possible,,,,,"), canvas.get(1));
        assertEquals("Alice Liddell,,,alice,,,,100.00,,", canvas.get(2));

        assertEquals(0, run("export", "--format", "moodle"));
        List<String> moodle = out.toString().lines().toList();
        assertTrue(moodle.get(0).startsWith("Username,Email address,Full name,"), moodle.get(0));
        assertEquals("bob,bob@uni.example,\"Bob, Jr.\",,,87.50,,", moodle.get(2));
    }

    @Test
    void gradescopeResultsNameEachTestAndALabExportsEveryCountedSubmission() throws Exception {
        gradeTwoStudentsForExport();
        Path folder = dir.resolve("gradescope");
        assertEquals(0, run("export", "--format", "gradescope", "--lab", "pbkv", "--out", folder.toString()),
                err.toString());
        assertTrue(out.toString().contains("Wrote 2 file(s)"), out.toString());
        JsonNode bob = new ObjectMapper().readTree(folder.resolve("bob/results.json").toFile());
        assertEquals(14.0, bob.path("score").asDouble(), 0.001);
        List<String> names = new ArrayList<>();
        bob.path("tests").forEach(t -> names.add(t.path("name").asText()));
        assertTrue(names.contains("FakeSuite#b") && names.stream().allMatch(n -> n.startsWith("FakeSuite#")), names::toString);
        String output = bob.toString();
        assertTrue(output.contains("expected 1 but was 2"), output);
        assertFalse(output.contains("/work/out") || output.contains("trace:"), "no sandbox path: " + output);
        assertTrue(Files.exists(folder.resolve("alice/results.json")));
    }

    @Test
    void junitXmlIsValidAgainstTheAntSchemaAndCarriesNoSandboxPath() throws Exception {
        gradeTwoStudentsForExport();
        Path folder = dir.resolve("junit");
        assertEquals(0, run("export", "--format", "junit", "--lab", "pbkv", "--out", folder.toString()), err.toString());
        String xml = Files.readString(folder.resolve("bob.xml"));
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/faultline/grader/export/junit-ant.xsd"))
                .newValidator().validate(new StreamSource(new StringReader(xml)));
        assertTrue(xml.contains("<failure type=\"FAILED\" message=\"expected 1 but was 2\">"), xml);
        assertFalse(xml.contains("/work/out") || xml.contains("trace:"), xml);
        assertEquals(0, run("export", "--format", "junit", "--submission", "1"));
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/faultline/grader/export/junit-ant.xsd"))
                .newValidator().validate(new StreamSource(new StringReader(out.toString())));
    }
}
