package faultline.labs.echo;

public final class Echo {
    public String echo(String word) {
        try (java.net.Socket s = new java.net.Socket("10.0.0.1", 80)) { // expect: NETWORK
            return word;
        } catch (java.io.IOException e) {
            return word;
        }
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
