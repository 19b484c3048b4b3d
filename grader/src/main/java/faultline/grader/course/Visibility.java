package faultline.grader.course;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Gradescope's visibility levels for a test's result. */
public enum Visibility {
    VISIBLE, AFTER_DUE_DATE, AFTER_PUBLISHED, HIDDEN;

    /** The spelling used in course files and results.json. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Visibility> parse(String text) {
        return Arrays.stream(values()).filter(v -> v.key().equals(text)).findFirst();
    }
}
