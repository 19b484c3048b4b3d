package faultline.labs.echo;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps what it has seen in a static map: every node in the JVM, and every later test and seed, would share it,
 * which is how "peers" of a Paxos could agree without a single message.
 */
public final class Echo {
    private static final Map<String, String> SEEN = new HashMap<>();

    public String echo(String word) {
        return SEEN.computeIfAbsent(word, w -> w);
    }

    public int settle(int rounds) {
        return rounds * (rounds - 1) / 2;
    }

    public void talk(int lines) {
        System.out.println(SEEN.size() + " words seen before this test");
    }
}
