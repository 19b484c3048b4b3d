package faultline.web.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faultline.grader.cli.CliContext;
import faultline.grader.cli.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "submit", description = {"Submit a lab to the course's Faultline server and follow it to its result.",
        "PATH is a .zip, a .tar.gz or a folder of sources. The token comes from --token, $FAULTLINE_TOKEN, or",
        "--login (asks for your password once and prints a token to keep)."})
final class SubmitCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "LAB")
    String lab;

    @Parameters(index = "1", paramLabel = "PATH")
    Path path;

    @Option(names = "--server", paramLabel = "URL", description = "Dashboard address. Default: $FAULTLINE_SERVER or "
            + "http://localhost:7070")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "API token. Default: $FAULTLINE_TOKEN")
    String token;

    @Option(names = "--login", paramLabel = "LOGIN", description = "Get a token by signing in as LOGIN")
    String login;

    @Option(names = "--no-wait", description = "Return once the submission is accepted")
    boolean noWait;

    @Option(names = "--poll", defaultValue = "1s", hidden = true)
    String poll;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    SubmitCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        String base = (server != null ? server : ctx.env().getOrDefault("FAULTLINE_SERVER", "http://localhost:7070"))
                .replaceAll("/+$", "");
        String bearer = token != null ? token : ctx.env().getOrDefault("FAULTLINE_TOKEN", "");
        if (login != null) {
            bearer = signIn(base);
        }
        if (bearer.isEmpty()) {
            throw new IllegalArgumentException("No API token. Pass --token, set FAULTLINE_TOKEN, or use --login LOGIN "
                    + "to get one (the dashboard's API tokens page makes them too).");
        }
        byte[] archive = archive(path);
        HttpResponse<String> sent = send(HttpRequest.newBuilder(URI.create(base + "/api/labs/" + lab
                        + "/submissions?name=" + java.net.URLEncoder.encode(path.getFileName().toString(),
                        java.nio.charset.StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(archive)).build());
        JsonNode accepted = JSON.readTree(sent.body());
        if (sent.statusCode() != 201) {
            ctx.err().println(accepted.path("error").asText("The server refused the submission (HTTP "
                    + sent.statusCode() + ")."));
            return sent.statusCode() >= 500 ? ExitCode.PLATFORM_TROUBLE.code() : ExitCode.SUBMISSION_ERROR.code();
        }
        long id = accepted.path("id").asLong();
        ctx.out().printf("Submission %d accepted (%d file(s)%s). Follow it at %s%n", id, accepted.path("files").asInt(),
                accepted.path("dropped").size() > 0 ? ", " + accepted.path("dropped").size() + " note(s) dropped" : "",
                accepted.path("url").asText());
        ctx.out().flush();
        if (noWait) {
            return ExitCode.OK.code();
        }
        return follow(base, bearer, id);
    }

    private int follow(String base, String bearer, long id) throws IOException, InterruptedException {
        String last = "";
        long pollMillis = poll.endsWith("ms") ? Long.parseLong(poll.replace("ms", ""))
                : Long.parseLong(poll.replace("s", "")) * 1000;
        while (true) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/submissions/" + id))
                    .header("Authorization", "Bearer " + bearer).GET().build());
            JsonNode page = JSON.readTree(r.body());
            if (r.statusCode() != 200) {
                ctx.err().println(page.path("error").asText("The server answered HTTP " + r.statusCode() + "."));
                return ExitCode.PLATFORM_TROUBLE.code();
            }
            JsonNode progress = page.path("progress");
            String detail = progress.path("detail").asText();
            if (!detail.equals(last)) {
                ctx.out().println(progress.path("state").asText().toLowerCase(java.util.Locale.ROOT) + ": " + detail);
                ctx.out().flush();
                last = detail;
            }
            String state = progress.path("state").asText();
            if (state.equals("DONE") || state.equals("FAILED")) {
                return report(page, state);
            }
            Thread.sleep(pollMillis);
        }
    }

    private int report(JsonNode page, String state) {
        if (state.equals("FAILED")) {
            return ExitCode.PLATFORM_TROUBLE.code();
        }
        ctx.out().println("Verdict: " + page.path("verdict").asText().toLowerCase(java.util.Locale.ROOT));
        if (!page.path("verdict").asText().equals("COMPLETED")) {
            ctx.out().println(page.path("message").asText());
        }
        boolean allPassed = true;
        for (JsonNode t : page.path("tests")) {
            boolean passed = t.path("allPassed").asBoolean();
            allPassed &= passed;
            ctx.out().printf("  %s %-50s %s/%d (%d of %d seeds)%n", passed ? "PASS" : "FAIL",
                    t.path("name").asText(), t.path("points").asText(), t.path("maxPoints").asInt(),
                    t.path("passedSeeds").asInt(), t.path("ranSeeds").asInt());
            for (JsonNode s : t.path("seeds")) {
                if (!s.path("passed").asBoolean()) {
                    ctx.out().printf("       seed %d: %s%n", s.path("seed").asLong(), s.path("message").asText());
                    String replay = s.path("localReplay").asText().isEmpty() ? s.path("staffReplay").asText()
                            : s.path("localReplay").asText();
                    if (!replay.isEmpty()) {
                        ctx.out().printf("       replay: %s%n", replay);
                    }
                }
            }
        }
        if (page.path("withheld").asInt() > 0) {
            ctx.out().printf("%d test(s) are not released yet.%n", page.path("withheld").asInt());
        }
        ctx.out().println(page.path("totalShown").asBoolean() ? "Total: " + page.path("total").asText()
                : "The total is shown once every test's result is released.");
        ctx.out().flush();
        return allPassed && page.path("verdict").asText().equals("COMPLETED") ? ExitCode.OK.code()
                : ExitCode.TESTS_FAILED.code();
    }

    private String signIn(String base) throws IOException, InterruptedException {
        char[] typed = System.console() != null ? System.console().readPassword("Password for %s: ", login) : null;
        String password = typed != null ? new String(typed) : ctx.env().getOrDefault("FAULTLINE_PASSWORD", "");
        String body = JSON.writeValueAsString(Map.of("login", login, "password", password, "label", "faultline submit"));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        JsonNode answer = JSON.readTree(r.body());
        if (r.statusCode() != 201) {
            throw new IllegalArgumentException(answer.path("error").asText("Sign-in failed (HTTP " + r.statusCode() + ")."));
        }
        String issued = answer.path("token").asText();
        ctx.out().println("Signed in. Keep this token for next time: export FAULTLINE_TOKEN=" + issued);
        return issued;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new IOException("Could not reach the Faultline server at " + request.uri().getScheme() + "://"
                    + request.uri().getAuthority() + ". Check --server and that the dashboard is running.", e);
        }
    }

    /** A file is sent as it is; a folder is zipped with its relative paths. */
    static byte[] archive(Path source) throws IOException {
        if (Files.isRegularFile(source)) {
            return Files.readAllBytes(source);
        }
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("There is no file or folder at " + source + ". Give the path of a "
                    + ".zip, a .tar.gz or a folder of sources.");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out); Stream<Path> walk = Files.walk(source)) {
            List<Path> files = walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".java")).sorted()
                    .toList();
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry(source.relativize(f).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
