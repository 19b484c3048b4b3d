package faultline.labs.echo;

public final class Echo {
    public String echo(String word) {
        return word;
    }

    public int settle(int rounds) {
        // Slips past the allow-list (an Error is a java.lang exception): JUnit treats it as fatal.
        throw new OutOfMemoryError("pretend");
    }

    public void talk(int lines) {
        for (int i = 0; i < lines; i++) {
            System.out.println("line " + i);
        }
    }
}
