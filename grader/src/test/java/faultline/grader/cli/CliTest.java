package faultline.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faultline.grader.grading.SandboxFactory;
import faultline.grader.grading.SuiteCatalog;
import faultline.grader.queue.MutableClock;
import faultline.grader.store.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
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
        assertTrue(flat.contains("export Export grades: csv (gradebook of all students and labs), gradescope "
                + "(results.json of one submission), junit (JUnit XML of one submission)."), flat);
        assertTrue(flat.contains("help Display help information about the specified command."), flat);
        assertEquals("One.", Cli.firstSentence(new String[] {"One. Two,", "three."}));
        assertEquals("One line, then a second.", Cli.firstSentence(new String[] {"One line,", "then a second."}));
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
        assertTrue(csv.startsWith("login,name,email,pingpong,mapreduce,pbkv,paxoskv,shardkv,total"), csv);
        assertTrue(csv.contains("alice,alice,,,,100.00,,,100.00"), csv);
        assertTrue(csv.contains("bob,bob,,,,87.50,,,87.50"), csv);

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
}
