package faultline.labs.echo;

import java.util.ArrayList;
import java.util.List;


public final class Echo {
    public String echo(String word) {
        return word;
    }

    public int settle(int rounds) {
        List<long[]> hog = new ArrayList<>();
        while (true) { // an allocation bomb
            long[] block = new long[1 << 20];
            java.util.Arrays.fill(block, rounds);
            hog.add(block);
        }
    }

    public void talk(int lines) {
        for (int i = 0; i < lines; i++) {
            System.out.println("line " + i);
        }
    }
}
