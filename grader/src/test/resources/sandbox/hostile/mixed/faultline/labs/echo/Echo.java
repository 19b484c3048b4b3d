package faultline.labs.echo;

/**
 * Several hostile cases in one run, each in its own test. Expected: the run COMPLETED (the line printed below is
 * not the JVM running out of memory); echoes PASSED through a class in a file with a non-ASCII name; settles
 * TIMED_OUT (an Error whose toString never returns); talks FAILED with its 12 MB message cut with a marker.
 */
public final class Echo {
    static {
        System.out.println("Terminating due to java.lang.OutOfMemoryError: Java heap space");
    }

    public String echo(String word) {
        return Ünïcødé.same(word);
    }

    public int settle(int rounds) {
        throw new Endless();
    }

    public void talk(int lines) {
        throw new AssertionError("x".repeat(12 << 20));
    }

    static final class Endless extends Error {
        @Override
        public String toString() {
            int spins = 0;
            while (spins >= 0) {
                spins = (spins + 1) % 1000;
            }
            return "never";
        }
    }
}
