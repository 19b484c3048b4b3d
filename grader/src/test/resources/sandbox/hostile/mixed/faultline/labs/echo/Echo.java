package faultline.labs.echo;

/**
 * Several hostile cases in one run, each in its own test. Expected: the run COMPLETED (the line printed below is
 * not the JVM running out of memory); echoes PASSED through a class in a file with a non-ASCII name; settles
 * PASSED; talks FAILED with its 12 MB message cut with a marker.
 */
public final class Echo {
    static {
        System.out.println("Terminating due to java.lang.OutOfMemoryError: Java heap space");
    }

    public String echo(String word) {
        return Ünïcødé.same(word);
    }

    public int settle(int rounds) {
        int sum = 0;
        for (int i = 0; i < rounds; i++) {
            sum += i;
        }
        return sum;
    }

    public void talk(int lines) {
        throw new AssertionError("x".repeat(12 << 20));
    }
}
