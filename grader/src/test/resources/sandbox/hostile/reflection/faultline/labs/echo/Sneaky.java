package faultline.labs.echo;

import java.lang.invoke.MethodHandles;

/** Ways around Class.forName to reach the hidden tests; each must still be caught. */
final class Sneaky {
    Object peek() throws Exception {
        Object lookup = MethodHandles.lookup(); // expect: REFLECTION
        ClassLoader loader = getClass().getClassLoader(); // expect: REFLECTION
        Object tests = loader.loadClass("faultline.suites.echo.EchoTest"); // expect: CLASS_LOADING
        return String.class.getSuperclass().getDeclaredFields(); // expect: REFLECTION
    }
}
