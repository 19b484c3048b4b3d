package faultline.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cookie-keeping HTTP client for route tests: signs in like a browser and fills forms with their CSRF token. */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String origin;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    String csrf = "";

    Browser(String origin) {
        this.origin = origin;
        this.http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(origin + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        remember(r.body());
        return r;
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(origin + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        remember(r.body());
        return r;
    }

    /** Posts a form with this session's token. */
    HttpResponse<String> submitForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("csrf", csrf);
        return post(path, form);
    }

    HttpResponse<String> upload(String path, String field, String fileName, byte[] content, boolean withCsrf)
            throws IOException, InterruptedException {
        String boundary = "----faultline" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (withCsrf) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(origin + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        remember(r.body());
        return r;
    }

    /**
     * Sends only the head of a POST that declares a {@code declaredLength}-byte multipart body, over a raw
     * socket, and returns the status line and whatever the server answers without ever receiving the
     * body: how a test proves an upload is refused before it is read.
     */
    String postHeadOnly(String path, long declaredLength) throws IOException {
        URI uri = URI.create(origin + path);
        String cookie = cookies.getCookieStore().get(uri).stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " + declaredLength
                    + "\r\nX-CSRF-Token: " + csrf + "\r\nCookie: " + cookie + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder answer = new StringBuilder();
            char[] buffer = new char[8192];
            int read;
            try {
                while ((read = in.read(buffer)) > 0 && answer.length() < 64_000) {
                    answer.append(buffer, 0, read);
                    if (answer.indexOf("</html>") >= 0 || answer.indexOf("}") >= 0) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // Whatever came before the server stopped talking is the answer.
            }
            return answer.toString();
        }
    }

    HttpResponse<String> signIn(String login, String password) throws IOException, InterruptedException {
        get("/login");
        HttpResponse<String> r = post("/login", Map.of("csrf", csrf, "login", login, "password", password));
        if (r.statusCode() == 303) {
            get("/labs");
        }
        return r;
    }

    private void remember(String body) {
        Matcher m = CSRF.matcher(body);
        if (m.find()) {
            csrf = m.group(1);
        }
    }
}
