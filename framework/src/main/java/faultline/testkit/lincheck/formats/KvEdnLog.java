package faultline.testkit.lincheck.formats;

import faultline.testkit.history.History;
import faultline.testkit.lincheck.KvInput;
import faultline.testkit.lincheck.KvOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a key/value history written as one Clojure (EDN) map per line, e.g.
 * {@code {:process 0, :type :invoke, :f :append, :key "4", :value "x 0 1 y"}}. Blank lines are ignored.
 *
 * <p>{@code :ok} ends an operation; {@code :fail} means it did not take effect and it is left out; {@code :info},
 * or no end at all, means its outcome is unknown. A get that returns {@code nil} read a key never written ("").
 */
public final class KvEdnLog {

    private static final Pattern EVENT = Pattern.compile(
            "^\\{:process (\\d+), :type :(\\w+), :f :(\\w+), :key \"((?:[^\"\\\\]|\\\\.)*)\", "
                    + ":value (nil|\"((?:[^\"\\\\]|\\\\.)*)\")}$");

    private KvEdnLog() {
    }

    public static History<KvInput, KvOutput> read(Path file) {
        try {
            return parse(Files.readAllLines(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the key/value log " + file + ": " + e.getMessage(), e);
        }
    }

    public static History<KvInput, KvOutput> parse(List<String> lines, String source) {
        OpenOperations<KvInput, KvOutput> log = new OpenOperations<>(source);
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            long line = i + 1;
            String where = source + ":" + line + ": ";
            Matcher event = EVENT.matcher(text);
            if (!event.matches()) {
                throw new LogFormatException(where + "expected {:process P, :type T, :f F, :key \"K\", :value V}"
                        + " but found: " + text);
            }
            int process = Integer.parseInt(event.group(1));
            String key = unescape(event.group(4));
            String value = event.group(6) == null ? "" : unescape(event.group(6));
            switch (event.group(2)) {
                case "invoke" -> log.call(process, input(event.group(3), key, value, where), line);
                case "ok" -> {
                    KvInput called = log.openInput(process, line);
                    log.complete(process, called.kind() == KvInput.Kind.GET ? KvOutput.of(value) : KvOutput.ok(),
                            line);
                }
                case "fail" -> log.discard(process, line);
                case "info" -> log.abandon(process, line);
                default -> throw new LogFormatException(where + "unknown event type :" + event.group(2)
                        + "; expected :invoke, :ok, :fail or :info.");
            }
        }
        return log.history();
    }

    private static KvInput input(String f, String key, String value, String where) {
        return switch (f) {
            case "get" -> KvInput.get(key);
            case "put" -> KvInput.put(key, value);
            case "append" -> KvInput.append(key, value);
            default -> throw new LogFormatException(where + "unknown operation :" + f
                    + "; expected :get, :put or :append.");
        };
    }

    private static String unescape(String quoted) {
        if (quoted.indexOf('\\') < 0) {
            return quoted;
        }
        StringBuilder plain = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                char escaped = quoted.charAt(++i);
                plain.append(switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> escaped;
                });
            } else {
                plain.append(c);
            }
        }
        return plain.toString();
    }
}
