package faultline.testkit.junit;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a graded test is worth and about, read from the one method JUnit ran: found by its name and its
 * parameter types, never by name alone (a suite's private helper may share a test's name, and the order in
 * which a class lists its methods is not fixed). A test method that cannot be found, or that carries no
 * {@link Points}, is a fault of the suite and is reported as one, never scored as a silent zero.
 *
 * @param points      the test's whole worth ({@link Points})
 * @param description what it checks ({@link Description}; the method's name where there is none)
 * @param category    the trouble it puts a solution through ({@link Category}; {@link TestCategory#BASIC} where
 *                    there is none)
 */
public record TestMetadata(int points, String description, TestCategory category) {

    /**
     * The metadata of the test method {@code name(parameterTypes)} declared by {@code suite}.
     *
     * @param parameterTypes the parameter types' binary names, comma-separated as JUnit's {@code MethodSource}
     *                       gives them ("faultline.testkit.junit.TestRun"; empty for none)
     * @throws IllegalStateException when no such method exists or it carries no {@link Points}
     */
    public static TestMetadata of(Class<?> suite, String name, String parameterTypes) {
        return of(method(suite, name, parameterTypes));
    }

    /** The metadata of a test method; it must carry {@link Points}. */
    public static TestMetadata of(Method test) {
        Points points = test.getAnnotation(Points.class);
        if (points == null) {
            throw new IllegalStateException("The suite's test " + test.getDeclaringClass().getName() + "#"
                    + test.getName() + " carries no @Points, so it cannot be graded; give it its points.");
        }
        Description description = test.getAnnotation(Description.class);
        Category category = test.getAnnotation(Category.class);
        return new TestMetadata(points.value(), description == null ? test.getName() : description.value(),
                category == null ? TestCategory.BASIC : category.value());
    }

    /** The method {@code name(parameterTypes)} that {@code suite} itself declares. */
    public static Method method(Class<?> suite, String name, String parameterTypes) {
        String wanted = parameterTypes.replace(" ", "");
        List<Method> found = Arrays.stream(suite.getDeclaredMethods())
                .filter(m -> !m.isSynthetic() && !m.isBridge() && m.getName().equals(name))
                .filter(m -> parameterNames(m).equals(wanted))
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException("The suite " + suite.getName() + " declares " + found.size()
                    + " methods " + name + "(" + parameterTypes + "), so the test's points cannot be read.");
        }
        return found.get(0);
    }

    private static String parameterNames(Method m) {
        return Arrays.stream(m.getParameterTypes()).map(Class::getName).collect(Collectors.joining(","));
    }
}
