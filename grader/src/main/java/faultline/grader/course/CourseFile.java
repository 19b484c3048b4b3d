package faultline.grader.course;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import faultline.grader.sandbox.SandboxLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a course file (YAML). Every field is checked as it is read; an error names the field by its
 * path (e.g. {@code labs[2].due}) and says what is allowed. Unknown fields are errors too, so a typo
 * never silently falls back to a default. Dates are ISO-8601, with an offset or in the course's
 * {@code timezone}; durations are {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO {@code PT5M};
 * sizes are bytes or {@code 64KiB}, {@code 768MiB}, {@code 1GiB}.
 */
public final class CourseFile {

    /** The course that ships with Faultline: lab 0 (pingpong) and the four labs. */
    public static final String DEFAULT_RESOURCE = "/faultline/grader/course/default-course.yaml";

    private static final Pattern LAB_NAME = Pattern.compile("[a-z][a-z0-9]*");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

    private final String source;
    private ZoneId zone = ZoneId.of("UTC");

    private CourseFile(String source) {
        this.source = source;
    }

    public static Course read(Path file) throws CourseException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new CourseException("Could not read the course file " + file + " (" + e.getMessage()
                    + "). Check the path, or leave out --course to use the default course.", e);
        }
    }

    public static Course defaultCourse() {
        try (InputStream in = CourseFile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The default course file is missing from the grader jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the default course");
        } catch (IOException | CourseException e) {
            throw new IllegalStateException("The default course file does not load: " + e.getMessage(), e);
        }
    }

    public static Course parse(String yaml, String source) throws CourseException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new CourseException(source + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : "") + ".", e);
        }
        if (root == null || !root.isObject()) {
            throw new CourseException(source + " must be a YAML mapping with at least `name` and `labs`.");
        }
        return new CourseFile(source).course(root);
    }

    private Course course(JsonNode root) throws CourseException {
        allow(root, "", "name", "timezone", "seeds", "policy", "late", "limits", "sandbox", "extensions", "labs");
        String name = text(root, "", "name");
        if (root.has("timezone")) {
            String tz = text(root, "", "timezone");
            try {
                zone = ZoneId.of(tz);
            } catch (DateTimeException e) {
                throw error("timezone", "'" + tz + "' is not a time zone; use a name like UTC or America/New_York");
            }
        }
        int seeds = root.has("seeds") ? integer(root, "", "seeds", 1, 50) : 3;
        GradePolicy policy = GradePolicy.BEST;
        if (root.has("policy")) {
            String p = text(root, "", "policy");
            try {
                policy = GradePolicy.valueOf(p.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error("policy", "'" + p + "' is not a grading policy; allowed: best, latest");
            }
        }
        LatePolicy late = new LatePolicy(0, 0);
        if (root.has("late")) {
            JsonNode n = object(root, "", "late");
            allow(n, "late", "budget_days", "penalty_percent_per_day");
            late = new LatePolicy(n.has("budget_days") ? integer(n, "late", "budget_days", 0, 365) : 0,
                    n.has("penalty_percent_per_day") ? number(n, "late", "penalty_percent_per_day", 0, 100) : 0);
        }
        SubmissionLimits limits = new SubmissionLimits(Integer.MAX_VALUE, Duration.ZERO);
        if (root.has("limits")) {
            JsonNode n = object(root, "", "limits");
            allow(n, "limits", "max_submissions", "cooldown");
            limits = new SubmissionLimits(
                    n.has("max_submissions") ? integer(n, "limits", "max_submissions", 1, 1_000_000) : Integer.MAX_VALUE,
                    n.has("cooldown") ? duration(n, "limits", "cooldown") : Duration.ZERO);
        }
        SandboxLimits sandbox = root.has("sandbox") ? sandbox(object(root, "", "sandbox")) : SandboxLimits.defaults();
        if (!root.has("labs") || !root.get("labs").isArray() || root.get("labs").isEmpty()) {
            throw error("labs", "is missing or empty; list each lab with name, number, title, release, due, "
                    + "hard_end and points");
        }
        List<LabConfig> labs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < root.get("labs").size(); i++) {
            LabConfig lab = lab(root.get("labs").get(i), "labs[" + i + "]");
            if (!names.add(lab.name())) {
                throw error("labs[" + i + "].name", "'" + lab.name() + "' is used by two labs; lab names must be unique");
            }
            if (!numbers.add(lab.number())) {
                throw error("labs[" + i + "].number", lab.number() + " is used by two labs; lab numbers must be unique");
            }
            labs.add(lab);
        }
        List<Extension> extensions = new ArrayList<>();
        if (root.has("extensions")) {
            JsonNode list = root.get("extensions");
            if (!list.isArray()) {
                throw error("extensions", "must be a list of {student, lab, days}");
            }
            for (int i = 0; i < list.size(); i++) {
                String at = "extensions[" + i + "]";
                JsonNode e = list.get(i);
                if (!e.isObject()) {
                    throw error(at, "must be a mapping with student, lab and days");
                }
                allow(e, at, "student", "lab", "days");
                String lab = text(e, at, "lab");
                if (!names.contains(lab)) {
                    throw error(at + ".lab", "'" + lab + "' is not one of the labs (" + String.join(", ", names) + ")");
                }
                extensions.add(new Extension(text(e, at, "student"), lab, integer(e, at, "days", 1, 365)));
            }
        }
        return new Course(name, labs, late, extensions, limits, seeds, policy, sandbox);
    }

    private LabConfig lab(JsonNode n, String at) throws CourseException {
        if (!n.isObject()) {
            throw error(at, "must be a mapping with name, number, title, release, due, hard_end and points");
        }
        allow(n, at, "name", "number", "title", "release", "due", "hard_end", "points", "seeds", "visibility",
                "categories", "tests");
        String name = text(n, at, "name");
        if (!LAB_NAME.matcher(name).matches()) {
            throw error(at + ".name", "'" + name + "' is not a lab name; use lower-case letters and digits, like pbkv "
                    + "(it is the package faultline.labs.<name>)");
        }
        Instant release = instant(n, at, "release");
        Instant due = instant(n, at, "due");
        Instant hardEnd = n.has("hard_end") ? instant(n, at, "hard_end") : due;
        if (due.isBefore(release)) {
            throw error(at + ".due", "is before the release date; a lab is due after it is released");
        }
        if (hardEnd.isBefore(due)) {
            throw error(at + ".hard_end", "is before the due date; the hard end is the last moment late work is taken");
        }
        Optional<Integer> seeds = n.has("seeds") ? Optional.of(integer(n, at, "seeds", 1, 50)) : Optional.empty();
        Visibility visibility = n.has("visibility") ? visibility(n, at, "visibility") : Visibility.AFTER_DUE_DATE;
        return new LabConfig(name, integer(n, at, "number", 0, 99), text(n, at, "title"), release, due, hardEnd,
                integer(n, at, "points", 0, 10_000), seeds, visibility, visibilityMap(n, at, "categories"),
                visibilityMap(n, at, "tests"));
    }

    private SandboxLimits sandbox(JsonNode n) throws CourseException {
        allow(n, "sandbox", "memory", "cpus", "pids", "wall_clock", "per_test", "output", "tmpfs");
        SandboxLimits d = SandboxLimits.defaults();
        return new SandboxLimits(
                n.has("memory") ? size(n, "sandbox", "memory", 64L << 20) : d.memoryBytes(),
                n.has("cpus") ? number(n, "sandbox", "cpus", 0.1, 64) : d.cpus(),
                n.has("pids") ? integer(n, "sandbox", "pids", 16, 100_000) : d.pids(),
                n.has("wall_clock") ? duration(n, "sandbox", "wall_clock") : d.wallClock(),
                n.has("per_test") ? duration(n, "sandbox", "per_test") : d.perTest(),
                n.has("output") ? size(n, "sandbox", "output", 1024) : d.outputBytes(),
                n.has("tmpfs") ? size(n, "sandbox", "tmpfs", 1L << 20) : d.tmpfsBytes());
    }

    private Map<String, Visibility> visibilityMap(JsonNode n, String at, String field) throws CourseException {
        Map<String, Visibility> map = new LinkedHashMap<>();
        if (!n.has(field)) {
            return map;
        }
        JsonNode m = object(n, at, field);
        for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            map.put(field.equals("categories") ? key.toLowerCase(Locale.ROOT) : key,
                    visibility(m, at + "." + field, key));
        }
        return map;
    }

    private Visibility visibility(JsonNode n, String at, String field) throws CourseException {
        String v = text(n, at, field);
        return Visibility.parse(v).orElseThrow(() -> error(path(at, field), "'" + v
                + "' is not a visibility; allowed: visible, after_due_date, after_published, hidden"));
    }

    private void allow(JsonNode n, String at, String... fields) throws CourseException {
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw error(path(at, f), "is not a known field; allowed here: " + String.join(", ", fields));
            }
        }
    }

    private JsonNode object(JsonNode n, String at, String field) throws CourseException {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            throw error(path(at, field), "must be a mapping");
        }
        return v;
    }

    private String text(JsonNode n, String at, String field) throws CourseException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw error(path(at, field), "is required");
        }
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw error(path(at, field), "must be a non-empty text value");
        }
        return v.asText().trim();
    }

    private int integer(JsonNode n, String at, String field, int min, int max) throws CourseException {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw error(path(at, field), (v == null ? "is required" : "'" + v.asText() + "' is not allowed")
                    + "; give a whole number from " + min + " to " + max);
        }
        return v.asInt();
    }

    private double number(JsonNode n, String at, String field, double min, double max) throws CourseException {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            throw error(path(at, field), (v == null ? "is required" : "'" + v.asText() + "' is not allowed")
                    + "; give a number from " + min + " to " + max);
        }
        return v.asDouble();
    }

    private Duration duration(JsonNode n, String at, String field) throws CourseException {
        String v = text(n, at, field);
        Matcher m = SHORT_DURATION.matcher(v);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw error(path(at, field), "'" + v + "' is not a duration; write it like 90s, 5m, 2h, 1d or PT5M");
        }
    }

    private long size(JsonNode n, String at, String field, long min) throws CourseException {
        JsonNode raw = n.get(field);
        String v = raw == null ? "" : raw.asText().trim();
        Matcher m = SIZE.matcher(v);
        if (!m.matches()) {
            throw error(path(at, field), "'" + v + "' is not a size; write it like 65536, 64KiB, 768MiB or 1GiB");
        }
        int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        long bytes = Long.parseLong(m.group(1)) << shift;
        if (bytes < min) {
            throw error(path(at, field), v + " is too small; the least allowed is " + min + " bytes");
        }
        return bytes;
    }

    private Instant instant(JsonNode n, String at, String field) throws CourseException {
        String v = text(n, at, field);
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // no offset: read it in the course's time zone
        }
        try {
            return LocalDateTime.parse(v).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // maybe a bare date
        }
        try {
            return LocalDate.parse(v).plusDays(1).atStartOfDay(zone).minusSeconds(1).toInstant();
        } catch (DateTimeParseException e) {
            throw error(path(at, field), "'" + v + "' is not a date; write it like 2025-10-01T23:59 (in the course's "
                    + "timezone), 2025-10-01T23:59-04:00, or 2025-10-01 (meaning the end of that day)");
        }
    }

    private static String path(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private CourseException error(String field, String problem) {
        return new CourseException("In " + source + ", field `" + field + "` " + problem + ".");
    }
}
