package faultline.labs.echo;

/** A legal Java file and class name that is not ASCII: it must compile and run in the sandbox. */
final class Ünïcødé {
    private Ünïcødé() {
    }

    static String same(String word) {
        return word;
    }
}
