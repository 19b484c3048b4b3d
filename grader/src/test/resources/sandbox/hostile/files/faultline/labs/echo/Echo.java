package faultline.labs.echo;

public final class Echo {
    public String echo(String word) {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/etc/hostname"))); // expect: FILES
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
