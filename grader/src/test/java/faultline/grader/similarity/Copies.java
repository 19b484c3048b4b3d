package faultline.grader.similarity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** How a student disguises copied code in tests and benchmarks: comments removed, names changed. */
public final class Copies {

    private Copies() {
    }

    /** Copies the Java files under {@code from} to {@code to}, each passed through {@code disguise}. */
    public static void copy(Path from, Path to, java.util.function.UnaryOperator<String> disguise) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.writeString(target, disguise.apply(Files.readString(file)));
            }
        }
    }

    /** The source without its comments (string and character literals kept as they are). */
    public static String withoutComments(String source) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                out.append(source, i, Math.min(end + 1, source.length()));
                i = end + 1;
            } else if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The source with every whole-word identifier in {@code names} replaced by its new name. */
    public static String renamed(String source, Map<String, String> names) {
        Pattern word = Pattern.compile("\\b(" + String.join("|", names.keySet()) + ")\\b");
        Matcher m = word.matcher(source);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(names.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
