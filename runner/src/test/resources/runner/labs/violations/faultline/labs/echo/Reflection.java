package faultline.labs.echo;

final class Reflection {
    Object peek() throws Exception {
        Class<?> c = Class.forName("faultline.suites.echo.EchoTest"); // expect: REFLECTION
        return c.getDeclaredMethods(); // expect: REFLECTION
    }

    Object loader() {
        return getClass().getClassLoader(); // expect: REFLECTION
    }

    Object handles() {
        return java.lang.invoke.MethodHandles.lookup(); // expect: REFLECTION
    }
}
