package faultline.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what {@link java.net.http.HttpClient} cannot do: send from another loopback
 * address (127.0.0.2 is a different client to the server), and stream a chunked body while watching how much of
 * it the server takes before it answers.
 */
final class RawHttp {

    /** The server's answer, and how many body bytes this side managed to send before it stopped. */
    record Answer(String text, long bodyBytesSent) {
        int status() {
            return Integer.parseInt(text.substring(9, 12));
        }
    }

    private final URI origin;
    private final InetAddress from;

    RawHttp(String origin, String fromAddress) throws IOException {
        this.origin = URI.create(origin);
        this.from = InetAddress.getByName(fromAddress);
    }

    private Socket open() throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), origin.getPort(), from, 0);
        socket.setSoTimeout(15_000);
        return socket;
    }

    /** A request with a complete body; the connection is closed after the answer. */
    Answer send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket socket = open()) {
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length + "\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return new Answer(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8), body.length);
        }
    }

    /**
     * Streams {@code prefix} and then zeros, up to {@code total} bytes, as a chunked body (no Content-Length) in
     * 64 KiB chunks, stopping as soon as the server answers or stops taking data, then reads the answer.
     */
    Answer sendChunked(String path, Map<String, String> headers, byte[] prefix, long total) throws IOException {
        try (Socket socket = open()) {
            socket.setSendBufferSize(64 * 1024);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Transfer-Encoding: chunked\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            try {
                out.write((Integer.toHexString(prefix.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(prefix);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                sent += prefix.length;
                while (sent < total && in.available() == 0) {
                    out.write(chunkHead);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += chunk.length;
                }
                if (sent >= total) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException e) {
                // The server closed the connection while the body was still coming: it stopped reading.
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0 && answer.size() < 256_000; ) {
                    answer.write(buffer, 0, n);
                    String text = answer.toString(StandardCharsets.UTF_8);
                    if (text.contains("</html>") || text.trim().endsWith("}")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // Whatever came before the server stopped talking is the answer.
            }
            return new Answer(answer.toString(StandardCharsets.UTF_8), sent);
        }
    }
}
