package faultline.labs.echo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Reads identity hashes without ever calling hashCode: through an object's default toString, and the order of a
 * HashSet of objects without a hash of their own; and reads the name of its class loader from an exception. In an ordinary JVM what it prints and returns differs from one
 * run to the next, and from a replay of one test alone; graded, it must be the same every time.
 */
public final class Echo {

    /** Has no toString or hashCode of its own. */
    static final class Plain {
        final int n;

        Plain(int n) {
            this.n = n;
        }
    }

    public String echo(String word) {
        String marker = new Plain(0).toString();
        return word + marker.substring(marker.indexOf('@'));
    }

    public int settle(int rounds) {
        return rounds * (rounds - 1) / 2;
    }

    public void talk(int lines) {
        HashSet<Plain> set = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            set.add(new Plain(i));
        }
        List<Integer> order = new ArrayList<>();
        for (Plain p : set) {
            order.add(p.n);
        }
        System.out.println(new Object() + " " + order);
        Object word = "word";
        try {
            System.out.println(((Plain) word).n);
        } catch (ClassCastException e) {
            // Names the class loader, which must be the one mvn test has: the JVM's own.
            System.out.println(e.getMessage());
        }
    }
}
