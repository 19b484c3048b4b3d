package faultline.labs.echo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.StreamSupport;

/** What differs from one JVM to the next (identity hashes, stack traces) or runs on other threads. */
final class Identity {

    enum Phase { IDLE }

    /** Has no hashCode of its own: its hash is the identity hash. */
    static final class Plain {
    }

    record Value(int n) {
    }

    int hashes(Plain plain, Object any, Phase phase, Value value) {
        int sum = plain.hashCode(); // expect: IDENTITY
        sum += any.hashCode(); // expect: IDENTITY
        sum += phase.hashCode(); // expect: IDENTITY
        sum += Objects.hashCode(value); // expect: IDENTITY
        sum += value.hashCode() + "text".hashCode() + Objects.hash(1, "a");
        return sum;
    }

    int stack(RuntimeException e) {
        return e.getStackTrace().length; // expect: IDENTITY
    }

    long parallel(List<Integer> list) {
        long n = StreamSupport.stream(list.spliterator(), true).count(); // expect: THREADS
        n += list.parallelStream().count(); // expect: THREADS
        n += new ArrayList<>(list).stream().parallel().count(); // expect: THREADS
        return n;
    }
}
