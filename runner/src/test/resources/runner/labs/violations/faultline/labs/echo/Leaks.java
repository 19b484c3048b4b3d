package faultline.labs.echo;

import faultline.testkit.junit.Points;
import java.util.Locale;

/** What tells one run from another, or a graded run from the student's own: names, locales, finalizers. */
final class Leaks {

    @Points(1) // expect: HIDDEN (no line)
    int marked() {
        return 1;
    }

    String names(Object handed) {
        String s = handed.getClass().getName(); // expect: REFLECTION
        s += String.valueOf(handed.getClass()); // expect: REFLECTION
        return s + Leaks.class.getSimpleName() + Leaks.class;
    }

    String locale() {
        Locale.setDefault(Locale.ROOT); // expect: ENVIRONMENT
        return Locale.getDefault().toString(); // expect: ENVIRONMENT
    }

    @Override
    @SuppressWarnings({"deprecation", "removal"})
    protected void finalize() {
        System.out.println("collected"); // expect: THREADS
    }
}
