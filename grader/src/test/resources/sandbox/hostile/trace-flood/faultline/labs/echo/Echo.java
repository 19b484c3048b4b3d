package faultline.labs.echo;

/**
 * A trace flood: the echo is 32 KB, the suite sends it as a message every millisecond for 200 ms of simulated time,
 * and the test fails, so its trace is written. Expected: COMPLETED, echoes FAILED on each seed, every trace and
 * message cut to its cap, and the run well within its deadline.
 */
public final class Echo {
    public String echo(String word) {
        return word + "!".repeat(32 << 10);
    }

    public int settle(int rounds) {
        int sum = 0;
        for (int i = 0; i < rounds; i++) {
            sum += i;
        }
        return sum;
    }

    public void talk(int lines) {
        for (int i = 0; i < lines; i++) {
            System.out.println("line " + i);
        }
    }
}
