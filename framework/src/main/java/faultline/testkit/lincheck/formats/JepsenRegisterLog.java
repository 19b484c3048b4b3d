package faultline.testkit.lincheck.formats;

import faultline.testkit.history.History;
import faultline.testkit.lincheck.RegisterInput;
import faultline.testkit.lincheck.RegisterOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Jepsen log of a single register (as recorded against etcd): lines such as
 * {@code INFO  jepsen.util - 3  :invoke  :cas  [1 4]}. Other lines are ignored.
 *
 * <p>A {@code :fail :cas} did not apply, which is a definite outcome. A timed-out read ({@code :fail :read
 * :timed-out}), an {@code :info} line, and any operation still open when the log ends have unknown outcomes: they
 * may have taken effect at any time after their call, or never.
 */
public final class JepsenRegisterLog {

    private static final Pattern EVENT = Pattern.compile(
            "^INFO\\s+jepsen\\.util\\s+-\\s+(\\d+)\\s+:(\\w+)\\s+:(\\w+)\\s+(.*?)\\s*$");
    private static final Pattern CAS_ARGUMENTS = Pattern.compile("^\\[(-?\\d+)\\s+(-?\\d+)]$");
    private static final Pattern NUMBER = Pattern.compile("^-?\\d+$");

    private JepsenRegisterLog() {
    }

    public static History<RegisterInput, RegisterOutput> read(Path file) {
        try {
            return parse(Files.readAllLines(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the Jepsen log " + file + ": " + e.getMessage(), e);
        }
    }

    public static History<RegisterInput, RegisterOutput> parse(List<String> lines, String source) {
        OpenOperations<RegisterInput, RegisterOutput> log = new OpenOperations<>(source);
        for (int i = 0; i < lines.size(); i++) {
            Matcher event = EVENT.matcher(lines.get(i));
            if (!event.matches()) {
                continue;
            }
            long line = i + 1;
            int process = Integer.parseInt(event.group(1));
            String type = event.group(2);
            String f = event.group(3);
            String value = event.group(4);
            String where = source + ":" + line + ": ";
            switch (type) {
                case "invoke" -> log.call(process, input(f, value, where), line);
                case "ok" -> log.complete(process, output(f, value, where), line);
                case "fail" -> {
                    if (value.equals(":timed-out")) {
                        log.abandon(process, line);
                    } else if (f.equals("cas")) {
                        log.complete(process, RegisterOutput.failed(), line);
                    } else {
                        throw new LogFormatException(where + "a " + f + " failed with " + value + "; only a cas can"
                                + " fail definitely, anything else must be :timed-out or :info.");
                    }
                }
                case "info" -> log.abandon(process, line);
                default -> throw new LogFormatException(where + "unknown event type :" + type
                        + "; expected :invoke, :ok, :fail or :info.");
            }
        }
        return log.history();
    }

    private static RegisterInput input(String f, String value, String where) {
        return switch (f) {
            case "read" -> RegisterInput.read();
            case "write" -> RegisterInput.write(number(value, where));
            case "cas" -> {
                Matcher cas = casArguments(value, where);
                yield RegisterInput.cas(Long.parseLong(cas.group(1)), Long.parseLong(cas.group(2)));
            }
            default -> throw new LogFormatException(where + "unknown operation :" + f
                    + "; expected :read, :write or :cas.");
        };
    }

    private static RegisterOutput output(String f, String value, String where) {
        return switch (f) {
            case "read" -> value.equals("nil") ? RegisterOutput.readEmpty() : RegisterOutput.read(number(value, where));
            case "write", "cas" -> RegisterOutput.ok();
            default -> throw new LogFormatException(where + "unknown operation :" + f
                    + "; expected :read, :write or :cas.");
        };
    }

    private static long number(String value, String where) {
        if (!NUMBER.matcher(value).matches()) {
            throw new LogFormatException(where + "expected an integer value but found \"" + value + "\".");
        }
        return Long.parseLong(value);
    }

    private static Matcher casArguments(String value, String where) {
        Matcher cas = CAS_ARGUMENTS.matcher(value);
        if (!cas.matches()) {
            throw new LogFormatException(where + "expected cas arguments [FROM TO] but found \"" + value + "\".");
        }
        return cas;
    }
}
