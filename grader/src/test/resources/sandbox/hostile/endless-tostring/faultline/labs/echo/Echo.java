package faultline.labs.echo;

public final class Echo {
    public String echo(String word) {
        return word;
    }

    public int settle(int rounds) {
        throw new Endless();
    }

    /** Expected: settles TIMED_OUT (its own test only), the run COMPLETED. */
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

    public void talk(int lines) {
        for (int i = 0; i < lines; i++) {
            System.out.println("line " + i);
        }
    }
}
