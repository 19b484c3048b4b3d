package faultline.grader.export;

import java.util.stream.Collectors;

/**
 * A failure's message as it leaves Faultline: without the lines that name where the sandbox wrote its traces (a path
 * inside a container or a temporary folder means nothing elsewhere; the dashboard shows the trace itself).
 */
final class ExportedMessage {

    private ExportedMessage() {
    }

    static String of(String message) {
        return message.lines().filter(line -> !line.stripLeading().startsWith("trace:"))
                .collect(Collectors.joining("\n")).strip();
    }
}
