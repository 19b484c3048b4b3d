package faultline.grader.course;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One lab of the course.
 *
 * @param points             what the lab is worth in the gradebook; the suite's raw points are scaled to it
 * @param seeds              seeds each test runs on, when not the course's default
 * @param visibility         default visibility of this lab's tests
 * @param categoryVisibility per test category (lower-case, as the suite names them)
 * @param testVisibility     per test id ({@code Class#method}), winning over the category
 */
public record LabConfig(String name, int number, String title, Instant release, Instant due, Instant hardEnd,
                        int points, Optional<Integer> seeds, Visibility visibility,
                        Map<String, Visibility> categoryVisibility, Map<String, Visibility> testVisibility) {

    public LabConfig {
        categoryVisibility = Map.copyOf(categoryVisibility);
        testVisibility = Map.copyOf(testVisibility);
    }

    public Visibility visibilityOf(String testId, String category) {
        Visibility byTest = testVisibility.get(testId);
        if (byTest != null) {
            return byTest;
        }
        return categoryVisibility.getOrDefault(category.toLowerCase(java.util.Locale.ROOT), visibility);
    }
}
